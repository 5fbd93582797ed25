package io.jais.node.ec;

import io.jais.api.bucket.Bmd;
import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketProps;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.api.config.EcConf;
import io.jais.api.error.JaisException;
import io.jais.node.cluster.ClusterState;
import io.jais.node.objects.Caller;
import io.jais.node.objects.CommitListener;
import io.jais.node.objects.ObjectEvent;
import io.jais.node.objects.ObjectRead;
import io.jais.node.objects.ObjectService;
import io.jais.node.storage.Mountpath;
import io.jais.node.storage.ObjectStore;
import io.jais.node.storage.StoreMaintenance;
import io.jais.node.transport.ObjectStreams;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erasure coding on one target: encodes the objects it owns in EC buckets after each commit and
 * sends their slices to their holders, removes them on delete, rebuilds lost or damaged objects
 * on GET ({@link SliceRestorer}), encodes a bucket's existing objects for the {@code ec-encode}
 * job, and re-places slices when the cluster map changes. See {@link SliceStore} for how a
 * holder keeps slices, {@link SliceExchange} for the messages, {@link EcPlacement} for where.
 *
 * <p>Design notes:
 * <ul>
 *   <li>Encoding happens off the writer's thread: the commit listener only queues (bounded,
 *       {@value #QUEUE} events in all; a full queue makes the writer wait up to
 *       {@value #OFFER_SECONDS} s, back-pressure rather than loss, then the event is dropped,
 *       counted and logged; the {@code ec-encode} job repairs that), and {@value #WORKERS}
 *       workers encode. An object's events always go to the same worker's queue, so its PUT,
 *       overwrite and DELETE are handled in the order they were committed: a delete's notices go
 *       out only after the slices of the write before it were acknowledged, and cannot be
 *       overtaken by them (which would leave slices of a deleted object behind).</li>
 *   <li>A worker encodes the object as it is when the worker gets to it, and only if it is still
 *       the write the event named: a newer write has its own event. Only the object's owner (by
 *       the current map) encodes; peers' and jobs' copies elsewhere are not the object.</li>
 *   <li>A delete (by a user or job, on the owner) sends every other target a delete of the
 *       slices up to the deleted generation, so a delete never removes the slices of a later
 *       write, and removes any held here.</li>
 *   <li>Re-placement: when the set of active targets changes, one background pass walks the
 *       objects this target owns in EC buckets and re-encodes every object whose holders
 *       changed; slices are sent to the new holders (the old ones keep theirs, which only ever
 *       serve as extra candidates of the same generation). A pass with failures (a holder down,
 *       or a joining target that does not know the bucket yet) runs again, up to
 *       {@value #REPLACE_RETRIES} times, {@value #REPLACE_RETRY_DELAY_MS} ms apart. Objects that change owners are encoded
 *       by their new owner when they arrive there (rebalance, misplaced-object pull, restore:
 *       each commits a replica, which this listener encodes).</li>
 * </ul>
 */
public final class EcService implements AutoCloseable {
  static final int QUEUE = 4096;
  static final int WORKERS = 4;
  static final int OFFER_SECONDS = 10;
  static final int REPLACE_RETRIES = 5;
  static final long REPLACE_RETRY_DELAY_MS = 3_000;
  private static final Logger log = LoggerFactory.getLogger(EcService.class);

  private final ClusterState state;
  private final ObjectStore store;
  private final ObjectService objects;
  private final SliceStore slices;
  private final SliceExchange exchange;
  private final SliceEncoder encoder;
  private final EcCounters counters = new EcCounters();
  private final DeletedObjects deleted = new DeletedObjects();
  private final List<BlockingQueue<ObjectEvent>> queues = new ArrayList<>();
  private final List<Thread> workers = new ArrayList<>();
  private final CommitListener listener = this::committed;
  private final AtomicBoolean replaceAgain = new AtomicBoolean();
  private final AtomicBoolean replacing = new AtomicBoolean();
  private volatile Smap placedFor;
  private volatile boolean closed;

  private EcService(ClusterState state, ObjectStore store, ObjectService objects, ObjectStreams streams) {
    this.state = state;
    this.store = store;
    this.objects = objects;
    this.slices = new SliceStore(store.mountpaths());
    this.exchange = new SliceExchange(streams, slices, state);
    this.encoder = new SliceEncoder(exchange, slices);
  }

  /** Wires erasure coding into a target: message handlers, commit listener, restorer, map listener. */
  public static EcService start(ClusterState state, ObjectStore store, ObjectService objects, ObjectStreams streams) {
    EcService service = new EcService(state, store, objects, streams);
    service.slices.cleanupWork(state.bmd().buckets().values().stream().map(Bmd.Entry::bucket).toList());
    objects.addListener(service.listener);
    objects.addRestorer(new SliceRestorer(state, objects, service.slices, service.exchange, service.counters,
        service.deleted));
    for (int i = 0; i < WORKERS; i++) {
      BlockingQueue<ObjectEvent> queue = new ArrayBlockingQueue<>(QUEUE / WORKERS);
      service.queues.add(queue);
      service.workers.add(Thread.ofVirtual().name("ec-encode-" + i).start(() -> service.work(queue)));
    }
    service.placedFor = state.smap();
    state.smapOwner().onChange((before, after) -> service.smapChanged());
    return service;
  }

  // ---- commits

  private void committed(ObjectEvent event) {
    BucketProps props = state.bmd().props(event.bucket()).orElse(null);
    if (props == null || !props.ec().enabled() || closed) {
      return;
    }
    // before anything is queued: a GET right after the DELETE must not rebuild from slices not yet deleted
    if (event.kind() == ObjectEvent.Kind.DELETE) {
      deleted.deleted(event.bucket(), event.name(), event.meta() == null ? Long.MAX_VALUE : event.meta().mtimeNanos());
    } else if (event.kind() != ObjectEvent.Kind.SET_CUSTOM) {
      deleted.written(event.bucket(), event.name());
    }
    if (event.kind() == ObjectEvent.Kind.DELETE && (event.caller() instanceof Caller.Peer || !isOwner(event.bucket(), event.name()))) {
      return;
    }
    try {
      int worker = Math.floorMod(event.name().hashCode() * 31 + event.bucket().hashCode(), WORKERS);
      if (!queues.get(worker).offer(event, OFFER_SECONDS, TimeUnit.SECONDS)) {
        counters.dropped.incrementAndGet();
        log.warn("EC queue full: {} of {}/{} not encoded (run ec-encode on the bucket)", event.kind(),
            event.bucket().uri(), event.name());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void work(BlockingQueue<ObjectEvent> queue) {
    while (!closed) {
      ObjectEvent event;
      try {
        event = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      try {
        if (event.kind() == ObjectEvent.Kind.DELETE) {
          deleteSlices(event);
        } else {
          encode(event.bucket(), event.name(), SliceMeta.Generation.of(event.meta()));
        }
      } catch (IOException | RuntimeException e) {
        counters.encodeFailures.incrementAndGet();
        log.warn("EC {} of {}/{} failed: {}", event.kind(), event.bucket().uri(), event.name(), e.toString());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private boolean isOwner(Bucket bucket, String name) {
    Snode owner = state.smap().owner(bucket, name);
    return owner != null && owner.id().equals(state.self().id());
  }

  /**
   * Encodes the object here and sends its slices, if this target owns it, the bucket has EC on,
   * and (when {@code expected} is given) it is still that write.
   *
   * @return true when slices were sent and acknowledged by every holder
   */
  boolean encode(Bucket bucket, String name, SliceMeta.Generation expected) throws IOException, InterruptedException {
    BucketProps props = state.bmd().props(bucket).orElse(null);
    if (props == null || !props.ec().enabled()) {
      return false;
    }
    Smap smap = state.smap();
    Snode owner = smap.owner(bucket, name);
    if (owner == null || !owner.id().equals(state.self().id())) {
      return false;
    }
    ObjectRead object;
    try {
      object = objects.get(bucket, name, Caller.peer(state.self().id()));
    } catch (JaisException e) {
      return false; // gone meanwhile: its delete has an event of its own
    }
    try (object) {
      if (expected != null && !SliceMeta.Generation.of(object.meta()).equals(expected)) {
        return false; // overwritten meanwhile: the newer write has an event of its own
      }
      EcConf ec = props.ec();
      int needed = SliceEncoder.holdersNeeded(ec, object.meta().size());
      List<Snode> holders = EcPlacement.holders(smap, bucket, name, needed);
      if (holders == null) {
        if (counters.tooFewTargets.getAndIncrement() % 1000 == 0) {
          log.warn("EC {}+{} of {}/{} needs {} targets, the cluster has {}: not encoded", ec.dataSlices(),
              ec.paritySlices(), bucket.uri(), name, needed + 1, smap.activeTargets().size());
        }
        return false;
      }
      encoder.encode(bucket, name, object, ec, holders);
      counters.encoded.incrementAndGet();
      return true;
    }
  }

  private void deleteSlices(ObjectEvent event) throws IOException, InterruptedException {
    SliceMeta.Generation upTo = event.meta() == null ? null : SliceMeta.Generation.of(event.meta());
    slices.delete(event.bucket(), event.name(), upTo);
    List<java.util.concurrent.CompletableFuture<io.jais.node.transport.Ack>> acks = new ArrayList<>();
    for (Snode target : state.smap().activeTargets()) {
      if (!target.id().equals(state.self().id())) {
        acks.add(exchange.sendDelete(target, event.bucket(), event.name(), upTo));
      }
    }
    for (var ack : acks) {
      try {
        ack.get(60, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        log.debug("EC delete of {}/{}: {}", event.bucket().uri(), event.name(), e.toString());
      }
    }
  }

  // ---- walks of a bucket's objects (ec-encode job, re-placement)

  /** What a walk does with each object name this target holds. */
  @FunctionalInterface
  interface ObjectVisitor {
    void visit(Bucket bucket, String name) throws IOException, InterruptedException;
  }

  /** Visits every object of {@code bucket} stored on this target, until {@code stop} says so. */
  void forEachLocalObject(Bucket bucket, BooleanSupplier stop, ObjectVisitor visitor) throws IOException {
    StoreMaintenance files = store.maintenance();
    for (Mountpath mountpath : files.mountpaths()) {
      if (!files.buckets(mountpath).containsKey(bucket)) {
        continue;
      }
      files.walk(mountpath, bucket, "", file -> {
        if (stop.getAsBoolean()) {
          return false;
        }
        if (file.name() != null) {
          try {
            visitor.visit(bucket, file.name());
          } catch (IOException e) {
            log.warn("EC walk of {}: {}: {}", bucket.uri(), file.name(), e.toString());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
          }
        }
        return true;
      });
    }
  }

  // ---- cluster map changes

  private void smapChanged() {
    Smap now = state.smap();
    Smap before = placedFor;
    if (before != null && sameTargets(before, now)) {
      return;
    }
    replaceAgain.set(true);
    if (replacing.compareAndSet(false, true)) {
      Thread.ofVirtual().name("ec-replace").start(this::replacePasses);
    }
  }

  private static boolean sameTargets(Smap a, Smap b) {
    return a.activeTargets().stream().map(Snode::id).sorted().toList()
        .equals(b.activeTargets().stream().map(Snode::id).sorted().toList());
  }

  private void replacePasses() {
    try {
      int retries = 0;
      while (replaceAgain.getAndSet(false) && !closed) {
        Smap before = placedFor;
        Smap now = state.smap();
        int[] result = {0, 0};
        for (Bmd.Entry entry : state.bmd().buckets().values()) {
          if (entry.props().ec().enabled()) {
            replace(entry.bucket(), before, now, result);
          }
        }
        if (result[0] > 0) {
          log.info("EC: re-placed the slices of {} objects for cluster map v{}", result[0], now.version());
        }
        if (result[1] == 0 || retries++ == REPLACE_RETRIES) {
          placedFor = now;
        } else {
          // a holder refused or missed its slice (e.g. a joining target without the bucket yet): again, later
          log.info("EC: {} objects not re-placed for cluster map v{}; retrying", result[1], now.version());
          Thread.sleep(REPLACE_RETRY_DELAY_MS);
          replaceAgain.set(true);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      log.warn("EC re-placement failed: {}", e.toString());
    } finally {
      replacing.set(false);
      if (replaceAgain.get() && !closed && replacing.compareAndSet(false, true)) {
        Thread.ofVirtual().name("ec-replace").start(this::replacePasses);
      }
    }
  }

  /** One bucket's pass: {@code result[0]} counts objects re-placed, {@code result[1]} failures. */
  private void replace(Bucket bucket, Smap before, Smap now, int[] result) throws IOException {
    EcConf ec = state.bmd().props(bucket).map(BucketProps::ec).orElse(null);
    if (ec == null) {
      return;
    }
    int count = ec.dataSlices() + ec.paritySlices();
    forEachLocalObject(bucket, () -> closed || replaceAgain.get(), (b, name) -> {
      List<Snode> old = before == null ? null : EcPlacement.holders(before, b, name, count);
      List<Snode> placed = EcPlacement.holders(now, b, name, count);
      if (placed != null && !ids(placed).equals(old == null ? null : ids(old))) {
        try {
          if (encode(b, name, null)) {
            result[0]++;
          }
        } catch (IOException e) {
          result[1]++;
          log.debug("EC re-placement of {}/{}: {}", b.uri(), name, e.toString());
        }
      }
    });
  }

  private static List<String> ids(List<Snode> nodes) {
    return nodes.stream().map(Snode::id).toList();
  }

  java.util.Optional<BucketProps> props(Bucket bucket) {
    return state.bmd().props(bucket);
  }

  @Override
  public void close() {
    closed = true;
    log.info("EC on {} since start: {}", state.self().displayName(), counters);
    objects.removeListener(listener);
    workers.forEach(Thread::interrupt);
    exchange.close();
  }

  @Override
  public String toString() {
    return "EC on " + state.self().displayName();
  }
}
