package io.jais.node.ec;

import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketProps;
import io.jais.api.cluster.Snode;
import io.jais.api.error.JaisException;
import io.jais.node.cluster.ClusterState;
import io.jais.node.ec.codec.ReedSolomon;
import io.jais.node.objects.Caller;
import io.jais.node.objects.ObjectRestorer;
import io.jais.node.objects.ObjectService;
import io.jais.node.objects.ReplicaMode;
import io.jais.node.storage.ObjectMeta;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds an object of an EC bucket that its owner lost or holds damaged: the {@link
 * ObjectRestorer} of erasure coding. Pulls every slice and replica the other targets hold (and
 * uses the ones held here), keeps only the newest generation of the object among them, and
 * stores the object back through the object service's replica put: atomic commit, the original
 * metadata, the body verified against the original checksum on the way in.
 *
 * <p>Design notes:
 * <ul>
 *   <li>Never a stale rebuild: slices of different generations never mix (each holder keeps one
 *       generation; here only the newest is used), and when the object is damaged rather than
 *       missing, a generation older than the damaged object's is not restored over it.</li>
 *   <li>A replica of the newest generation is stored as is. Otherwise any D distinct slices
 *       rebuild the missing data slices stripe by stripe into temp files, and the object is read
 *       back from the D data slices in order ({@link DataSliceSource}).</li>
 *   <li>Concurrent GETs of the same lost object share one rebuild.</li>
 *   <li>Rebuild then serve: the read that asked waits for the whole object to be stored.</li>
 * </ul>
 */
final class SliceRestorer implements ObjectRestorer {
  private static final Logger log = LoggerFactory.getLogger(SliceRestorer.class);
  private static final Caller RESTORE = Caller.localJob("ec-restore");

  private final ClusterState state;
  private final ObjectService objects;
  private final SliceStore slices;
  private final SliceExchange exchange;
  private final EcCounters counters;
  private final ConcurrentHashMap<String, CompletableFuture<Boolean>> inFlight = new ConcurrentHashMap<>();
  private final DeletedObjects deleted;

  SliceRestorer(ClusterState state, ObjectService objects, SliceStore slices, SliceExchange exchange,
      EcCounters counters, DeletedObjects deleted) {
    this.deleted = deleted;
    this.state = state;
    this.objects = objects;
    this.slices = slices;
    this.exchange = exchange;
    this.counters = counters;
  }

  @Override
  public boolean restore(Bucket bucket, String name, BucketProps props, Damage damage) throws IOException {
    if (!props.ec().enabled()) {
      return false;
    }
    String key = bucket.uname(name);
    CompletableFuture<Boolean> mine = new CompletableFuture<>();
    CompletableFuture<Boolean> running = inFlight.putIfAbsent(key, mine);
    if (running != null) {
      return running.join();
    }
    try {
      boolean restored = rebuild(bucket, name, damage);
      mine.complete(restored);
      return restored;
    } catch (IOException | RuntimeException e) {
      mine.complete(false);
      throw e;
    } finally {
      inFlight.remove(key, mine);
    }
  }

  private boolean rebuild(Bucket bucket, String name, Damage damage) throws IOException {
    List<Snode> others = state.smap().activeTargets().stream().filter(t -> !t.id().equals(state.self().id())).toList();
    List<StoredSlice> local = new ArrayList<>();
    for (StoredSlice slice : slices.list(bucket, name)) {
      if (SliceStore.verify(slice)) {
        local.add(slice);
      } else {
        slices.discard(slice);
      }
    }
    try (SliceExchange.Pulled pulled = exchange.pull(others, bucket, name)) {
      List<StoredSlice> all = new ArrayList<>(local);
      all.addAll(pulled.slices());
      Optional<SliceMeta.Generation> newest = all.stream().map(s -> s.meta().generation()).max(Comparator.naturalOrder());
      if (newest.isEmpty()) {
        log.warn("cannot rebuild {}/{}: no EC slices on any target", bucket.uri(), name);
        return false;
      }
      List<StoredSlice> usable = all.stream().filter(s -> s.meta().generation().equals(newest.get())).toList();
      SliceMeta meta = usable.getFirst().meta();
      if (deleted.isDeleted(bucket, name, newest.get().mtimeNanos())) {
        log.info("not rebuilding {}/{}: deleted here; its slices are on their way out", bucket.uri(), name);
        return false;
      }
      if (damage == Damage.CORRUPTED && newerHere(bucket, name, newest.get())) {
        log.warn("not rebuilding {}/{}: its slices are of an older write than the damaged object", bucket.uri(), name);
        return false;
      }
      Optional<StoredSlice> replica = usable.stream().filter(s -> s.meta().isReplica()).findFirst();
      // missing: a write that lands while this rebuild runs is newer and stays (KEEP_EXISTING)
      ReplicaMode mode = damage == Damage.MISSING ? ReplicaMode.KEEP_EXISTING : ReplicaMode.REPLACE;
      boolean stored = replica.isPresent() ? storeReplica(bucket, name, replica.get(), mode)
          : decode(bucket, name, meta, usable, mode);
      if (stored) {
        counters.restored(meta.objectSize());
        log.info("rebuilt {}/{} (version {}, {} bytes) from EC {}", bucket.uri(), name, meta.version(), meta.objectSize(),
            replica.isPresent() ? "replica" : "slices");
      }
      return stored;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while pulling EC slices");
    }
  }

  private boolean newerHere(Bucket bucket, String name, SliceMeta.Generation slices) throws IOException {
    try {
      ObjectMeta here = objects.head(bucket, name, Caller.peer(state.self().id()));
      return SliceMeta.Generation.of(here).compareTo(slices) > 0;
    } catch (JaisException e) {
      return false;
    }
  }

  private boolean storeReplica(Bucket bucket, String name, StoredSlice replica, ReplicaMode mode) throws IOException {
    SliceMeta meta = replica.meta();
    try (DataSliceSource body = new DataSliceSource(List.of(replica.file()), Math.max(1, meta.objectSize()),
        meta.objectSize())) {
      return put(bucket, name, meta, body, mode);
    }
  }

  private boolean decode(Bucket bucket, String name, SliceMeta meta, List<StoredSlice> usable, ReplicaMode mode)
      throws IOException {
    int data = meta.data();
    int parity = meta.parity();
    Map<Integer, StoredSlice> byIndex = new TreeMap<>();
    for (StoredSlice slice : usable) {
      if (!slice.meta().isReplica() && slice.meta().data() == data && slice.meta().parity() == parity) {
        byIndex.putIfAbsent(slice.meta().index(), slice);
      }
    }
    if (byIndex.size() < data) {
      log.warn("cannot rebuild {}/{}: {} of its {} slices found, {} needed ({})", bucket.uri(), name, byIndex.size(),
          data + parity, data, byIndex.keySet().stream().map(String::valueOf).collect(Collectors.joining(",")));
      return false;
    }
    List<Path> rebuilt = new ArrayList<>();
    try {
      List<Path> dataFiles = rebuildData(bucket, name, meta, byIndex, rebuilt);
      try (DataSliceSource body = new DataSliceSource(dataFiles, Math.max(1, meta.sliceSize()), meta.objectSize())) {
        return put(bucket, name, meta, body, mode);
      }
    } finally {
      for (Path file : rebuilt) {
        Files.deleteIfExists(file);
      }
    }
  }

  /** The data slice files, the missing ones rebuilt into temp files (added to {@code rebuilt}). */
  private List<Path> rebuildData(Bucket bucket, String name, SliceMeta meta, Map<Integer, StoredSlice> byIndex,
      List<Path> rebuilt) throws IOException {
    int data = meta.data();
    int parity = meta.parity();
    List<Path> dataFiles = new ArrayList<>(data);
    boolean anyMissing = false;
    for (int i = 1; i <= data; i++) {
      StoredSlice slice = byIndex.get(i);
      anyMissing |= slice == null;
      dataFiles.add(slice == null ? null : slice.file());
    }
    if (!anyMissing) {
      return dataFiles;
    }
    ReedSolomon codec = ReedSolomon.of(data, parity);
    boolean[] present = new boolean[data + parity];
    List<Integer> used = new ArrayList<>();
    for (int index : byIndex.keySet()) {
      if (used.size() < data) {
        present[index - 1] = true;
        used.add(index);
      }
    }
    long sliceSize = meta.sliceSize();
    int stripe = (int) Math.min(SliceEncoder.STRIPE, Math.max(1, sliceSize));
    byte[][] buffers = new byte[data + parity][stripe];
    FileChannel[] in = new FileChannel[data + parity];
    FileChannel[] out = new FileChannel[data];
    try {
      for (int index : used) {
        in[index - 1] = FileChannel.open(byIndex.get(index).file(), StandardOpenOption.READ);
      }
      for (int i = 0; i < data; i++) {
        if (dataFiles.get(i) == null) {
          Path file = slices.tempFile(bucket, name);
          rebuilt.add(file);
          dataFiles.set(i, file);
          out[i] = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
      }
      for (long position = 0; position < sliceSize; position += stripe) {
        int n = (int) Math.min(stripe, sliceSize - position);
        for (int index : used) {
          SliceEncoder.readFully(in[index - 1], ByteBuffer.wrap(buffers[index - 1], 0, n), position);
        }
        codec.reconstruct(buffers, present, 0, n);
        for (int i = 0; i < data; i++) {
          if (out[i] != null) {
            ByteBuffer bytes = ByteBuffer.wrap(buffers[i], 0, n);
            while (bytes.hasRemaining()) {
              out[i].write(bytes);
            }
          }
        }
      }
    } finally {
      for (FileChannel channel : in) {
        if (channel != null) {
          channel.close();
        }
      }
      for (FileChannel channel : out) {
        if (channel != null) {
          channel.close();
        }
      }
    }
    return dataFiles;
  }

  private boolean put(Bucket bucket, String name, SliceMeta meta, DataSliceSource body, ReplicaMode mode)
      throws IOException {
    try {
      objects.putReplica(bucket, name, body, meta.objectMeta(), mode, RESTORE);
      return true;
    } catch (JaisException e) {
      log.warn("rebuilt {}/{} does not match its checksum; not stored: {}", bucket.uri(), name, e.getMessage());
      return false;
    }
  }
}
