package io.jais.node.objects;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.JaisException;
import io.jais.node.storage.ObjectMeta;
import io.jais.node.storage.ObjectStore;
import io.jais.node.storage.OpenedObject;
import io.jais.node.storage.PutOptions;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One other target, played by a second real {@link ObjectStore} (its own directories): what a
 * peer's internal routes do, minus HTTP, which the integration tests cover. Counts the calls, and
 * can hold reads at a gate so a test can line up concurrent callers behind one pull.
 */
final class StorePeers implements PeerTargets {
  final String id;
  final ObjectStore store;
  final AtomicInteger finds = new AtomicInteger();
  final AtomicInteger reads = new AtomicInteger();
  final AtomicInteger deletes = new AtomicInteger();
  volatile CountDownLatch readGate;
  /** When set, the peer does not answer lookups (as one that is down or too slow). */
  volatile boolean silent;

  StorePeers(String id, ObjectStore store) {
    this.id = id;
    this.store = store;
  }

  @Override
  public List<PeerCopy> find(Bucket bucket, String name) {
    finds.incrementAndGet();
    try {
      Optional<ObjectMeta> meta = store.head(bucket, name);
      return meta.map(m -> List.of(new PeerCopy(id, m))).orElse(List.of());
    } catch (IOException e) {
      return List.of(); // as over HTTP: a peer that cannot answer holds nothing
    }
  }

  @Override
  public Optional<ObjectMeta> headOn(String targetId, Bucket bucket, String name) {
    if (!targetId.equals(id) || silent) {
      return Optional.empty();
    }
    try {
      return store.head(bucket, name);
    } catch (IOException e) {
      return Optional.empty(); // as over HTTP: a peer that cannot answer holds nothing
    }
  }

  @Override
  public boolean holds(String targetId, Bucket bucket, String name) throws IOException {
    if (!targetId.equals(id) || silent) {
      throw new IOException("no answer from target " + targetId);
    }
    return store.head(bucket, name).isPresent();
  }

  @Override
  public <T> T read(PeerCopy copy, Bucket bucket, String name, ReplicaSink<T> sink)
      throws IOException, InterruptedException {
    reads.incrementAndGet();
    CountDownLatch gate = readGate;
    if (gate != null) {
      gate.await();
    }
    try (OpenedObject opened = store.openUntouched(bucket, name)) { // as the peer's internal GET
      return sink.accept(opened.meta(), Bodies.of(opened.channel(), opened.meta().size()));
    }
  }

  @Override
  public boolean deleteIfSame(PeerCopy copy, Bucket bucket, String name) throws IOException {
    deletes.incrementAndGet();
    try {
      return store.deleteIfSame(bucket, name, copy.meta()).isPresent();
    } catch (JaisException notFound) {
      return false;
    }
  }

  @Override
  public int deleteEverywhere(Bucket bucket, String name) {
    deletes.incrementAndGet();
    try {
      store.delete(bucket, name);
      return 1;
    } catch (IOException | JaisException e) {
      return 0;
    }
  }

  @Override
  public ObjectMeta copyTo(String targetId, Bucket bucket, String name, OpenedObject source) throws IOException {
    return store.put(bucket, name, Bodies.of(source.channel(), source.meta().size()),
        PutOptions.DEFAULT.withExpected(source.meta().checksum()).withCustom(source.meta().custom()));
  }
}
