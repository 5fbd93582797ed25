package io.jais.node.ec;

import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Snode;
import io.jais.api.config.EcConf;
import io.jais.node.ec.codec.ReedSolomon;
import io.jais.node.objects.ObjectRead;
import io.jais.node.storage.ObjectMeta;
import io.jais.node.transport.Ack;
import io.jais.node.transport.Body;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Cuts one object into its slices (or replicas) and sends them to their holders: the encoding
 * half of erasure coding, shared by the commit-time encoder and the {@code ec-encode} job.
 *
 * <p>Design notes:
 * <ul>
 *   <li>Objects below {@code ec.objsize_limit} (every object when it is -1) go as P full replicas,
 *       the others as D data slices of {@code ceil(size/D)} bytes and P parity slices. A data
 *       slice is a range of the object's file, sent zero-copy; its holder pads the last ones with
 *       zeros. Parity is computed stripe by stripe ({@value #STRIPE} bytes of each slice at a
 *       time, so memory is (D+P) stripes whatever the object's size) into temp files on the
 *       object's mountpath, sent, then removed.</li>
 *   <li>The object is read from one open descriptor for the whole encoding, so every slice comes
 *       from the same write even if the object is overwritten meanwhile (that write's own
 *       encoding then replaces these slices on every holder: newer generation).</li>
 *   <li>Every slice carries the object's metadata and generation; an encoding succeeds when every
 *       holder acknowledged its slice.</li>
 * </ul>
 */
final class SliceEncoder {
  static final int STRIPE = 1 << 20;
  private static final long ACK_TIMEOUT_SECONDS = 120;

  private final SliceExchange exchange;
  private final SliceStore slices;
  private final ConcurrentHashMap<Long, ReedSolomon> codecs = new ConcurrentHashMap<>();

  SliceEncoder(SliceExchange exchange, SliceStore slices) {
    this.exchange = exchange;
    this.slices = slices;
  }

  /** Whether an object of this size is replicated (true) or sliced under the bucket's settings. */
  static boolean replicated(EcConf ec, long size) {
    return ec.objSizeLimit() < 0 || size < ec.objSizeLimit();
  }

  /** How many targets besides the owner an object of this size needs. */
  static int holdersNeeded(EcConf ec, long size) {
    return replicated(ec, size) ? ec.paritySlices() : ec.dataSlices() + ec.paritySlices();
  }

  /**
   * Encodes the opened object and sends its slices to {@code holders} (slice i to holder i-1).
   *
   * @throws IOException when reading fails or a holder did not store its slice
   */
  void encode(Bucket bucket, String name, ObjectRead object, EcConf ec, List<Snode> holders)
      throws IOException, InterruptedException {
    ObjectMeta meta = object.meta();
    int data = ec.dataSlices();
    int parity = ec.paritySlices();
    List<CompletableFuture<Ack>> acks = new ArrayList<>();
    List<Path> temps = new ArrayList<>();
    try {
      if (replicated(ec, meta.size())) {
        for (int j = 0; j < parity; j++) {
          acks.add(exchange.sendSlice(holders.get(j), bucket, SliceMeta.of(name, meta, data, parity, 0),
              Body.ofFile(object.channel(), 0, meta.size(), () -> {})));
        }
      } else {
        long sliceSize = SliceMeta.sliceSize(meta.size(), data);
        for (int i = 0; i < data; i++) {
          long from = i * sliceSize;
          long length = Math.max(0, Math.min(sliceSize, meta.size() - from));
          Body body = length == 0 ? Body.none() : Body.ofFile(object.channel(), from, length, () -> {});
          acks.add(exchange.sendSlice(holders.get(i), bucket, SliceMeta.of(name, meta, data, parity, i + 1), body));
        }
        for (int p = 0; p < parity; p++) {
          temps.add(slices.tempFile(bucket, name));
        }
        writeParity(object.channel(), meta.size(), sliceSize, codec(data, parity), temps);
        for (int p = 0; p < parity; p++) {
          acks.add(exchange.sendSlice(holders.get(data + p), bucket,
              SliceMeta.of(name, meta, data, parity, data + p + 1), Body.ofFile(temps.get(p))));
        }
      }
      awaitAll(bucket, name, acks);
    } finally {
      for (Path temp : temps) {
        Files.deleteIfExists(temp);
      }
    }
  }

  private ReedSolomon codec(int data, int parity) {
    return codecs.computeIfAbsent(((long) data << 32) | parity, k -> ReedSolomon.of(data, parity));
  }

  /** Parity slices of the object into the temp files, one stripe of every slice at a time. */
  private static void writeParity(FileChannel object, long size, long sliceSize, ReedSolomon codec, List<Path> outputs)
      throws IOException {
    int data = codec.dataSlices();
    int parity = codec.paritySlices();
    int stripe = (int) Math.min(STRIPE, Math.max(1, sliceSize));
    byte[][] buffers = new byte[data + parity][stripe];
    List<FileChannel> out = new ArrayList<>(parity);
    try {
      for (Path path : outputs) {
        out.add(FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
      }
      for (long position = 0; position < sliceSize; position += stripe) {
        int n = (int) Math.min(stripe, sliceSize - position);
        for (int i = 0; i < data; i++) {
          long from = i * sliceSize + position;
          int available = (int) Math.max(0, Math.min(n, size - from));
          readFully(object, ByteBuffer.wrap(buffers[i], 0, available), from);
          java.util.Arrays.fill(buffers[i], available, n, (byte) 0);
        }
        codec.encode(buffers, 0, n);
        for (int p = 0; p < parity; p++) {
          ByteBuffer bytes = ByteBuffer.wrap(buffers[data + p], 0, n);
          while (bytes.hasRemaining()) {
            out.get(p).write(bytes);
          }
        }
      }
    } finally {
      for (FileChannel channel : out) {
        channel.close();
      }
    }
  }

  static void readFully(FileChannel in, ByteBuffer buffer, long position) throws IOException {
    while (buffer.hasRemaining()) {
      int n = in.read(buffer, position);
      if (n < 0) {
        throw new IOException("file ends before position " + (position + buffer.remaining()));
      }
      position += n;
    }
  }

  private static void awaitAll(Bucket bucket, String name, List<CompletableFuture<Ack>> acks)
      throws IOException, InterruptedException {
    IOException failure = null;
    for (CompletableFuture<Ack> ack : acks) {
      try {
        Ack answer = ack.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!answer.isOk()) {
          failure = failure != null ? failure : new IOException("EC slice of " + bucket.uri() + "/" + name + ": " + answer);
        }
      } catch (ExecutionException | TimeoutException e) {
        failure = failure != null ? failure : new IOException("EC slice of " + bucket.uri() + "/" + name + ": " + e, e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
