package io.jais.node.ec;

import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Snode;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.json.WireJson;
import io.jais.node.cluster.ClusterState;
import io.jais.node.storage.ByteBufSource;
import io.jais.node.transport.Ack;
import io.jais.node.transport.Body;
import io.jais.node.transport.InboundObject;
import io.jais.node.transport.ObjectHeader;
import io.jais.node.transport.ObjectStreams;
import io.jais.node.transport.Peer;
import io.jais.node.transport.Registration;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EC messages between targets, over the target-to-target streams:
 * <ul>
 *   <li>{@value #SLICE}: a slice or replica with its {@link SliceMeta} (opaque header bytes), stored
 *       by the receiver's {@link SliceStore};</li>
 *   <li>{@value #DELETE}: header only; the receiver removes its slices of the object up to the
 *       generation in the opaque bytes (all when none);</li>
 *   <li>{@value #PULL}: header only, the job ID field a request ID; the receiver sends each whole,
 *       verified slice it holds back as {@value #REPLY} (same request ID) and acknowledges the
 *       pull once they are acknowledged, or with OBJECT_NOT_FOUND when it holds none;</li>
 *   <li>{@value #REPLY}: a pulled slice, written to a temp file for the waiting {@link #pull}.</li>
 * </ul>
 *
 * <p>Design notes: a pull is answered before its ack, so when every pull's ack (or failure) is in,
 * every reply that will ever come has been stored: no timer decides when a rebuild may start,
 * beyond the streams' own failure bounds and {@link #PULL_TIMEOUT}. A reply for a pull no longer
 * waited for (timed out) is drained and dropped.
 */
final class SliceExchange implements AutoCloseable {
  static final String SLICE = "ec-slice";
  static final String DELETE = "ec-delete";
  static final String PULL = "ec-pull";
  static final String REPLY = "ec-reply";
  static final Duration PULL_TIMEOUT = Duration.ofSeconds(30);
  private static final Logger log = LoggerFactory.getLogger(SliceExchange.class);

  private final ObjectStreams streams;
  private final SliceStore slices;
  private final ClusterState state;
  private final List<Registration> registrations = new ArrayList<>();
  private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
  private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

  /** Slices pulled for one rebuild, in temp files until closed. */
  static final class Pulled implements AutoCloseable {
    private final Bucket bucket;
    private final String name;
    private final ConcurrentLinkedQueue<StoredSlice> received = new ConcurrentLinkedQueue<>();

    private Pulled(Bucket bucket, String name) {
      this.bucket = bucket;
      this.name = name;
    }

    List<StoredSlice> slices() {
      return List.copyOf(received);
    }

    @Override
    public void close() {
      for (StoredSlice slice : received) {
        try {
          Files.deleteIfExists(slice.file());
        } catch (IOException e) {
          log.warn("cannot remove pulled slice {}: {}", slice.file(), e.toString());
        }
      }
    }
  }

  private record Pending(Pulled into) {}

  SliceExchange(ObjectStreams streams, SliceStore slices, ClusterState state) {
    this.streams = streams;
    this.slices = slices;
    this.state = state;
    registrations.add(streams.register(SLICE, this::receiveSlice));
    registrations.add(streams.register(DELETE, this::receiveDelete));
    registrations.add(streams.register(PULL, this::servePull));
    registrations.add(streams.register(REPLY, this::receiveReply));
  }

  // ---- sending

  CompletableFuture<Ack> sendSlice(Snode to, Bucket bucket, SliceMeta meta, Body body) throws InterruptedException {
    ObjectHeader header = new ObjectHeader(SLICE, "", bucket, meta.name(), body.length(), null, meta.version(),
        meta.atimeNanos(), meta.mtimeNanos(), null, meta.toJson());
    return streams.send(Peer.of(to), header, body);
  }

  /** Tells {@code to} to drop its slices of the object up to {@code upTo} (all when null). */
  CompletableFuture<Ack> sendDelete(Snode to, Bucket bucket, String name, SliceMeta.Generation upTo)
      throws InterruptedException {
    byte[] opaque = upTo == null ? null : WireJson.toBytes(upTo);
    return streams.send(Peer.of(to), ObjectHeader.of(DELETE, bucket, name).withOpaque(opaque), Body.none());
  }

  /**
   * Asks every target of {@code from} for its slices of the object, in parallel, and waits until
   * each has answered, failed, or {@link #PULL_TIMEOUT} passed.
   */
  Pulled pull(List<Snode> from, Bucket bucket, String name) throws InterruptedException {
    String requestId = UUID.randomUUID().toString();
    Pulled pulled = new Pulled(bucket, name);
    pending.put(requestId, new Pending(pulled));
    try {
      List<CompletableFuture<Ack>> acks = new ArrayList<>();
      for (Snode target : from) {
        acks.add(CompletableFuture.supplyAsync(() -> {
          try {
            return streams.send(Peer.of(target), ObjectHeader.of(PULL, bucket, name).withJobId(requestId), Body.none())
                .get(PULL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Ack.error(ErrorCode.UNAVAILABLE, "interrupted");
          } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return Ack.error(ErrorCode.UNAVAILABLE, target.displayName() + ": " + e);
          }
        }, senders));
      }
      for (CompletableFuture<Ack> ack : acks) {
        Ack answer = ack.join();
        if (!answer.isOk() && answer.code() != ErrorCode.OBJECT_NOT_FOUND) {
          log.debug("EC pull of {}/{}: {}", bucket.uri(), name, answer);
        }
      }
      return pulled;
    } catch (RuntimeException e) {
      pulled.close();
      throw e;
    } finally {
      pending.remove(requestId);
    }
  }

  // ---- receiving

  private void receiveSlice(InboundObject in) throws IOException {
    SliceMeta meta = SliceMeta.fromJson(in.header().opaque());
    if (!meta.name().equals(in.header().objectName())) {
      throw JaisException.invalid("EC slice header names " + in.header().objectName() + ", its metadata " + meta.name());
    }
    slices.put(in.header().bucket(), meta, in.body());
  }

  private void receiveDelete(InboundObject in) throws IOException {
    byte[] opaque = in.header().opaque();
    SliceMeta.Generation upTo = opaque.length == 0 ? null : WireJson.parse(opaque, SliceMeta.Generation.class);
    slices.delete(in.header().bucket(), in.header().objectName(), upTo);
  }

  private void servePull(InboundObject in) throws Exception {
    Bucket bucket = in.header().bucket();
    String name = in.header().objectName();
    Snode requester = state.smap().node(in.senderId());
    if (requester == null) {
      throw new JaisException(ErrorCode.UNAVAILABLE, "EC pull from " + in.senderId() + ", not in this node's cluster map");
    }
    List<CompletableFuture<Ack>> replies = new ArrayList<>();
    for (StoredSlice slice : slices.list(bucket, name)) {
      if (!SliceStore.verify(slice)) {
        slices.discard(slice);
        continue;
      }
      FileChannel channel = FileChannel.open(slice.file(), StandardOpenOption.READ);
      ObjectHeader header = new ObjectHeader(REPLY, in.header().jobId(), bucket, name, slice.meta().sliceSize(), null,
          slice.meta().version(), 0, 0, null, slice.meta().toJson());
      replies.add(streams.send(Peer.of(requester), header,
          Body.ofFile(channel, 0, slice.meta().sliceSize(), () -> closeQuietly(channel))));
    }
    if (replies.isEmpty()) {
      throw new JaisException(ErrorCode.OBJECT_NOT_FOUND, "no EC slices of " + bucket.uri() + "/" + name + " here");
    }
    for (CompletableFuture<Ack> reply : replies) {
      reply.get(PULL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).orThrow();
    }
  }

  private void receiveReply(InboundObject in) throws IOException {
    Pending waiting = pending.get(in.header().jobId());
    if (waiting == null) {
      return; // timed out: the body is drained
    }
    SliceMeta meta = SliceMeta.fromJson(in.header().opaque());
    Pulled into = waiting.into();
    if (!meta.name().equals(into.name)) {
      throw JaisException.invalid("EC reply for " + meta.name() + " to a pull of " + into.name);
    }
    Path file = slices.tempFile(into.bucket, into.name);
    try {
      long written = writeBody(file, in.body());
      if (written != meta.sliceSize()) {
        throw new IOException("EC reply of slice " + meta.index() + ": " + written + " bytes, expected " + meta.sliceSize());
      }
      into.received.add(new StoredSlice(file, meta));
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  private static long writeBody(Path file, ByteBufSource body) throws IOException {
    long written = 0;
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (ByteBuf chunk = body.next(); chunk != null; chunk = body.next()) {
        try {
          ByteBuffer nio = chunk.nioBuffer();
          written += nio.remaining();
          while (nio.hasRemaining()) {
            out.write(nio);
          }
        } finally {
          chunk.release();
        }
      }
    }
    return written;
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing to do
    }
  }

  @Override
  public void close() {
    registrations.forEach(Registration::close);
    senders.shutdownNow();
  }
}
