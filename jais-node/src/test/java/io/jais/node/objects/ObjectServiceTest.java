package io.jais.node.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.bucket.Bmd;
import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketProps;
import io.jais.api.bucket.Provider;
import io.jais.api.cluster.NetInfo;
import io.jais.api.cluster.NodeRole;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.api.config.ChecksumConf;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.cluster.ClusterState;
import io.jais.node.storage.Checksum;
import io.jais.node.storage.ChecksumType;
import io.jais.node.storage.Checksummer;
import io.jais.node.storage.Mountpaths;
import io.jais.node.storage.ObjectMeta;
import io.jais.node.storage.ObjectStore;
import io.jais.node.storage.PutOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The object service over a real store, with a second real store as the one other target
 * ({@link StorePeers}): commit hooks, callers, replicas, misplaced objects and their single pull.
 * HTTP between targets is the integration tests' part (TwoDoorsIT).
 */
class ObjectServiceTest {
  private static final Bucket BUCKET = Bucket.ais("b");
  private static final Bucket VALIDATED = Bucket.ais("validated");
  private static final Snode SELF = Snode.of("t-self", NodeRole.TARGET, NetInfo.of("http", "127.0.0.1", 1));
  private static final Snode PEER = Snode.of("t-peer", NodeRole.TARGET, NetInfo.of("http", "127.0.0.1", 2));
  private static final Caller JOB = Caller.job("job-1");

  @TempDir Path dir;
  private ObjectStore store;
  private StorePeers peer;
  private ObjectService service;
  private final List<ObjectEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws IOException {
    ClusterState state = ClusterState.load(SELF, dir.resolve("meta"));
    state.smapOwner().accept(new Smap(Map.of(), Map.of(SELF.id(), SELF, PEER.id(), PEER), null, "cluster", "", 1));
    BucketProps validated = new BucketProps(null, null, null, new ChecksumConf("xxhash2", false, true, false, false),
        null, null, null, null, null, BucketProps.ALL_ACCESS, 0, 2, 0, null, null);
    state.bmdOwner().accept(new Bmd("cluster", 1, Map.of())
        .withBucket(BUCKET, BucketProps.defaults(Provider.AIS).withIdentity(1, 0))
        .withBucket(VALIDATED, validated));
    store = new ObjectStore(Mountpaths.open(List.of(dir.resolve("self/mp1"), dir.resolve("self/mp2"))));
    peer = new StorePeers(PEER.id(), new ObjectStore(Mountpaths.open(List.of(dir.resolve("peer/mp1")))));
    service = new ObjectService(state, store, peer);
    service.addListener(events::add);
  }

  @AfterEach
  void tearDown() {
    store.close();
    peer.store.close();
  }

  // -- objects a rebalance moves here

  private static ObjectMeta movedMeta(byte[] data, long mtimeNanos) {
    return new ObjectMeta(data.length, Checksummer.compute(ChecksumType.XXHASH2, data), "3", mtimeNanos - 5, mtimeNanos,
        Map.of("k", "moved"), List.of());
  }

  @Test
  void receiveMoved_storesTheCopyAsSent_butNeverOverANewerWrite() throws IOException {
    String name = ownedHere("moved");
    byte[] old = bytes(300, 40);
    ObjectMeta sent = movedMeta(old, 1_000_000_000L); // written long ago on the old owner

    assertThat(service.receiveMoved(BUCKET, name, Bodies.of(old), sent, Caller.peer(PEER.id()))).contains(sent);
    assertThat(service.head(BUCKET, name, Caller.USER)).isEqualTo(sent);

    byte[] fresh = bytes(200, 41);
    service.put(BUCKET, name, Bodies.of(fresh), PutArgs.PLAIN, Caller.USER); // a client's newer PUT at the new owner
    assertThat(service.receiveMoved(BUCKET, name, Bodies.of(old), sent, Caller.peer(PEER.id())))
        .as("an older moved copy arriving late").isEmpty();
    assertThat(Bodies.readAll(service.get(BUCKET, name, Caller.USER))).isEqualTo(fresh);
  }

  @Test
  void receiveMoved_replacesAnOlderCopy() throws IOException {
    String name = ownedHere("stale");
    byte[] first = bytes(100, 42);
    byte[] second = bytes(120, 43);
    service.receiveMoved(BUCKET, name, Bodies.of(first), movedMeta(first, 1_000_000_000L), Caller.peer(PEER.id()));
    ObjectMeta newer = movedMeta(second, 2_000_000_000L); // written again on the old owner, sent again

    assertThat(service.receiveMoved(BUCKET, name, Bodies.of(second), newer, Caller.peer(PEER.id()))).contains(newer);
    assertThat(Bodies.readAll(service.get(BUCKET, name, Caller.USER))).isEqualTo(second);
  }

  @Test
  void receiveMoved_afterAClusterWideDelete_doesNotBringTheObjectBack() throws IOException {
    String name = ownedHere("deleted");
    byte[] data = bytes(100, 44);
    service.put(BUCKET, name, Bodies.of(data), PutArgs.PLAIN, Caller.USER);
    ObjectMeta inFlight = movedMeta(data, 1_000_000_000L); // read on the old owner before the DELETE
    service.delete(BUCKET, name, Caller.USER);

    assertThat(service.receiveMoved(BUCKET, name, Bodies.of(data), inFlight, Caller.peer(PEER.id()))).isEmpty();
    assertThatThrownBy(() -> service.head(BUCKET, name, Caller.USER)).satisfies(code(ErrorCode.OBJECT_NOT_FOUND));
  }

  @Test
  void receiveMoved_aBodyThatDoesNotMatchItsChecksum_storesNothing() {
    String name = ownedHere("corrupt");
    ObjectMeta claimed = movedMeta(bytes(100, 45), 1_000_000_000L);
    assertThatThrownBy(() -> service.receiveMoved(BUCKET, name, Bodies.of(bytes(100, 46)), claimed,
        Caller.peer(PEER.id()))).satisfies(code(ErrorCode.BAD_DIGEST));
    assertThat(events).isEmpty();
  }

  // -- commit hooks and callers

  @Test
  void put_firesOnePutEventWithTheCallerAndTheCommittedMetadata() throws IOException {
    byte[] data = bytes(10_000, 1);

    ObjectMeta meta = service.put(BUCKET, "a", Bodies.of(data), PutArgs.of(Checksum.NONE, Map.of("k", "v")), JOB);

    assertThat(events).containsExactly(new ObjectEvent(ObjectEvent.Kind.PUT, BUCKET, "a", meta, JOB));
    assertThat(meta.custom()).containsEntry("k", "v");
    assertThat(Bodies.readAll(service.get(BUCKET, "a", Caller.USER))).isEqualTo(data);
    assertThat(events).hasSize(1); // reads fire nothing
  }

  @Test
  void eachCommit_firesExactlyOnceWithItsKind() throws IOException {
    service.put(BUCKET, "a", Bodies.of(bytes(100, 2)), PutArgs.PLAIN, Caller.USER);
    service.copy(BUCKET, "a", BUCKET, ownedHere("copy"), Caller.USER);
    service.setCustom(BUCKET, "a", Map.of("x", "y"), false, Caller.USER);
    String handle = service.append(BUCKET, "appended", "", Bodies.of(bytes(10, 3)), Caller.USER);
    handle = service.append(BUCKET, "appended", handle, Bodies.of(bytes(10, 4)), Caller.USER);
    service.flush(BUCKET, "appended", handle, Caller.USER);
    service.delete(BUCKET, "a", Caller.USER);

    assertThat(events).extracting(ObjectEvent::kind).containsExactly(ObjectEvent.Kind.PUT, ObjectEvent.Kind.COPY,
        ObjectEvent.Kind.SET_CUSTOM, ObjectEvent.Kind.APPEND, ObjectEvent.Kind.DELETE);
    assertThat(events.get(2).meta().custom()).containsEntry("x", "y");
    assertThat(events.get(3).meta().size()).isEqualTo(20);
    assertThat(events.get(4).meta()).as("the deleted object as it was").isEqualTo(events.get(2).meta());
  }

  @Test
  void failedWrites_fireNothingAndStoreNothing() throws IOException {
    Checksum wrong = new Checksum(ChecksumType.XXHASH2, "0123456789abcdef");
    assertThatThrownBy(() -> service.put(BUCKET, "a", Bodies.of(bytes(100, 5)), PutArgs.of(wrong, Map.of()), JOB))
        .satisfies(code(ErrorCode.BAD_DIGEST));
    assertThatThrownBy(() -> service.put(Bucket.ais("nope"), "a", Bodies.of(bytes(1, 5)), PutArgs.PLAIN, JOB))
        .satisfies(code(ErrorCode.BUCKET_NOT_FOUND));
    assertThatThrownBy(() -> service.setCustom(BUCKET, "missing", Map.of("k", "v"), false, JOB))
        .satisfies(code(ErrorCode.OBJECT_NOT_FOUND));
    assertThatThrownBy(() -> service.delete(BUCKET, "missing", JOB)).satisfies(code(ErrorCode.OBJECT_NOT_FOUND));

    assertThat(events).isEmpty();
    assertThat(store.head(BUCKET, "a")).isEmpty();
    assertThat(workfiles(dir.resolve("self"))).isEmpty();
  }

  @Test
  void failingListener_doesNotFailTheWriteNorKeepOthersFromHearing() throws IOException {
    List<ObjectEvent> second = new ArrayList<>();
    CommitListener failing = event -> {
      throw new IllegalStateException("listener bug");
    };
    service.addListener(failing);
    service.addListener(second::add);

    service.put(BUCKET, "a", Bodies.of(bytes(10, 6)), PutArgs.PLAIN, Caller.USER);

    assertThat(events).hasSize(1);
    assertThat(second).hasSize(1);
    assertThat(service.removeListener(failing)).isTrue();
  }

  // -- replica put

  @Test
  void putReplica_keepsTheMetadataItArrivedWith() throws IOException {
    byte[] data = bytes(50_000, 7);
    ObjectMeta arrived = new ObjectMeta(data.length, Checksummer.compute(ChecksumType.MD5, data), "17",
        1_700_000_000_123_456_789L, 1_600_000_000_000_000_001L, Map.of("ETag", "abc", "x-amz-meta-k", "v, w"), List.of());

    ObjectMeta stored = service.putReplica(BUCKET, "r", Bodies.of(data), arrived, ReplicaMode.REPLACE, JOB).orElseThrow();

    assertThat(stored).isEqualTo(arrived);
    assertThat(service.head(BUCKET, "r", Caller.USER)).isEqualTo(arrived);
    assertThat(Bodies.readAll(service.get(BUCKET, "r", Caller.USER))).isEqualTo(data);
    assertThat(events).containsExactly(new ObjectEvent(ObjectEvent.Kind.REPLICA, BUCKET, "r", arrived, JOB));
  }

  @Test
  void putReplica_wrongChecksumOrLength_storesNothingAndFiresNothing() throws IOException {
    byte[] data = bytes(20_000, 8);
    byte[] other = bytes(20_000, 9);
    ObjectMeta meta = new ObjectMeta(data.length, Checksummer.compute(ChecksumType.XXHASH2, data), "3", 1, 1, Map.of(),
        List.of());
    service.put(BUCKET, "r", Bodies.of(bytes(5, 10)), PutArgs.PLAIN, Caller.USER);
    ObjectMeta before = store.head(BUCKET, "r").orElseThrow();
    events.clear();

    assertThatThrownBy(() -> service.putReplica(BUCKET, "r", Bodies.of(other), meta, ReplicaMode.REPLACE, JOB))
        .satisfies(code(ErrorCode.BAD_DIGEST));
    assertThatThrownBy(() -> service.putReplica(BUCKET, "new", Bodies.of(other), meta, ReplicaMode.REPLACE, JOB))
        .satisfies(code(ErrorCode.BAD_DIGEST));
    assertThatThrownBy(() -> service.putReplica(BUCKET, "new", Bodies.of(java.util.Arrays.copyOf(data, 100)), meta,
        ReplicaMode.REPLACE, JOB)).isInstanceOf(IOException.class);

    assertThat(store.head(BUCKET, "r")).contains(before);
    assertThat(store.head(BUCKET, "new")).isEmpty();
    assertThat(events).isEmpty();
    assertThat(workfiles(dir.resolve("self"))).isEmpty();
  }

  @Test
  void putReplica_keepExisting_leavesTheObjectInPlace() throws IOException {
    ObjectMeta local = service.put(BUCKET, "r", Bodies.of(bytes(10, 11)), PutArgs.PLAIN, Caller.USER);
    byte[] data = bytes(30, 12);
    ObjectMeta older = new ObjectMeta(data.length, Checksummer.compute(ChecksumType.XXHASH2, data), "1", 1, 1, Map.of(),
        List.of());
    events.clear();

    assertThat(service.putReplica(BUCKET, "r", Bodies.of(data), older, ReplicaMode.KEEP_EXISTING, JOB)).isEmpty();

    assertThat(store.head(BUCKET, "r")).contains(local);
    assertThat(events).isEmpty();
    assertThat(workfiles(dir.resolve("self"))).isEmpty();
  }

  // -- misplaced objects

  @Test
  void get_objectOnlyOnThePeer_isPulledWithItsMetadataAndLeavesThePeer() throws IOException {
    String name = ownedHere("misplaced");
    byte[] data = bytes(100_000, 13);
    putOnPeer(name, data, Map.of("k", "v"));
    ObjectMeta peerVersion2 = putOnPeer(name, data, Map.of("k", "v2"));

    ObjectRead read = service.get(BUCKET, name, Caller.USER);

    ObjectMeta pulled = read.meta();
    assertThat(Bodies.readAll(read)).isEqualTo(data);
    assertThat(pulled.version()).isEqualTo("2");
    assertThat(pulled.custom()).containsEntry("k", "v2");
    assertThat(pulled.checksum()).isEqualTo(peerVersion2.checksum());
    assertThat(pulled.mtimeNanos()).isEqualTo(peerVersion2.mtimeNanos());
    assertThat(pulled.atimeNanos()).as("this GET's access").isGreaterThanOrEqualTo(peerVersion2.atimeNanos());
    assertThat(peer.store.head(BUCKET, name)).as("moved, not copied").isEmpty();
    assertThat(store.head(BUCKET, name)).isPresent();
    assertThat(events).extracting(ObjectEvent::kind, ObjectEvent::caller)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(ObjectEvent.Kind.REPLICA, Caller.USER));
    assertThat(peer.finds).hasValue(1);

    service.head(BUCKET, name, Caller.USER);
    assertThat(peer.finds).as("served locally from now on").hasValue(1);
  }

  @Test
  void head_objectOnlyOnThePeer_isPulledWithTimesAndVersionKept() throws IOException {
    String name = ownedHere("misplaced-head");
    ObjectMeta there = putOnPeer(name, bytes(1000, 14), Map.of());

    ObjectMeta here = service.head(BUCKET, name, JOB);

    assertThat(here).isEqualTo(there);
    assertThat(peer.store.head(BUCKET, name)).isEmpty();
  }

  @Test
  void peerCaller_isAnsweredFromLocalDisksOnly() throws IOException {
    String name = ownedHere("peer-asks");
    putOnPeer(name, bytes(10, 15), Map.of());
    Caller other = Caller.peer("t-other");

    assertThatThrownBy(() -> service.get(BUCKET, name, other)).satisfies(code(ErrorCode.OBJECT_NOT_FOUND));
    assertThatThrownBy(() -> service.head(BUCKET, name, other)).satisfies(code(ErrorCode.OBJECT_NOT_FOUND));
    assertThatThrownBy(() -> service.delete(BUCKET, name, other)).satisfies(code(ErrorCode.OBJECT_NOT_FOUND));

    assertThat(peer.finds).hasValue(0);
    assertThat(peer.deletes).hasValue(0);
    assertThat(peer.store.head(BUCKET, name)).isPresent();
  }

  @Test
  void notTheOwner_doesNotPull() throws IOException {
    String name = ownedByPeer("elsewhere");
    putOnPeer(name, bytes(10, 16), Map.of());

    assertThatThrownBy(() -> service.get(BUCKET, name, Caller.USER)).satisfies(code(ErrorCode.OBJECT_NOT_FOUND));

    assertThat(peer.finds).hasValue(0);
    assertThat(peer.store.head(BUCKET, name)).isPresent();
  }

  @Test
  void concurrentGets_ofAMisplacedObject_shareOnePull() throws Exception {
    String name = ownedHere("hot-misplaced");
    byte[] data = bytes(200_000, 17);
    putOnPeer(name, data, Map.of());
    peer.readGate = new CountDownLatch(1);
    int readers = 8;
    List<Thread> threads = new ArrayList<>();
    List<byte[]> results = new CopyOnWriteArrayList<>();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    for (int i = 0; i < readers; i++) {
      Thread thread = Thread.ofPlatform().start(() -> {
        try {
          results.add(Bodies.readAll(service.get(BUCKET, name, Caller.USER)));
        } catch (Throwable e) {
          failures.add(e);
        }
      });
      threads.add(thread);
    }
    // every reader is parked: one in the gated pull, the others waiting for it
    awaitUntil(() -> peer.reads.get() == 1 && threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING));

    peer.readGate.countDown();
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(failures).isEmpty();
    assertThat(results).hasSize(readers).allSatisfy(bytes -> assertThat(bytes).isEqualTo(data));
    assertThat(peer.finds).hasValue(1);
    assertThat(peer.reads).hasValue(1);
    assertThat(events).hasSize(1);
  }

  @Test
  void append_toAMisplacedObject_continuesItsContent() throws IOException {
    String name = ownedHere("appended-misplaced");
    putOnPeer(name, new byte[] {1, 2, 3}, Map.of());

    String handle = service.append(BUCKET, name, "", Bodies.of(new byte[] {4}), Caller.USER);
    service.flush(BUCKET, name, handle, Caller.USER);

    assertThat(Bodies.readAll(service.get(BUCKET, name, Caller.USER))).containsExactly(1, 2, 3, 4);
    assertThat(peer.store.head(BUCKET, name)).isEmpty();
  }

  @Test
  void pulledCopy_failingItsChecksum_isRefusedAsCorruptAndStaysWhereItIs() throws IOException {
    String name = ownedHere("corrupt-peer");
    putOnPeer(name, bytes(5000, 18), Map.of());
    flipAByte(peer.store, name);

    assertThatThrownBy(() -> service.get(BUCKET, name, Caller.USER)).satisfies(code(ErrorCode.CHECKSUM_MISMATCH));

    assertThat(store.head(BUCKET, name)).isEmpty();
    assertThat(peer.store.head(BUCKET, name)).isPresent();
    assertThat(events).isEmpty();
    assertThat(workfiles(dir.resolve("self"))).isEmpty();
  }

  @Test
  void delete_removesTheLocalObjectAndThePeersCopy() throws IOException {
    String name = ownedHere("twice");
    service.put(BUCKET, name, Bodies.of(bytes(10, 19)), PutArgs.PLAIN, Caller.USER);
    putOnPeer(name, bytes(10, 20), Map.of()); // an old copy from before this target joined

    service.delete(BUCKET, name, Caller.USER);

    assertThat(store.head(BUCKET, name)).isEmpty();
    assertThat(peer.store.head(BUCKET, name)).isEmpty();
    assertThat(events).extracting(ObjectEvent::kind).containsExactly(ObjectEvent.Kind.PUT, ObjectEvent.Kind.DELETE);
  }

  @Test
  void delete_ofAnObjectOnlyThePeerHolds_succeedsAndFiresNothingHere() throws IOException {
    String name = ownedHere("only-there");
    putOnPeer(name, bytes(10, 21), Map.of());

    service.delete(BUCKET, name, JOB);

    assertThat(peer.store.head(BUCKET, name)).isEmpty();
    assertThat(events).as("nothing changed on this target's disks").isEmpty();
    assertThatThrownBy(() -> service.delete(BUCKET, name, JOB)).satisfies(code(ErrorCode.OBJECT_NOT_FOUND));
  }

  @Test
  void copy_toAnotherTargetsName_goesToThatTarget() throws IOException {
    service.put(BUCKET, "src", Bodies.of(bytes(300, 22)), PutArgs.of(Checksum.NONE, Map.of("k", "v")), Caller.USER);
    String destination = ownedByPeer("dst");
    events.clear();

    ObjectMeta copied = service.copy(BUCKET, "src", BUCKET, destination, Caller.USER);

    assertThat(peer.store.head(BUCKET, destination)).contains(copied);
    assertThat(copied.custom()).containsEntry("k", "v");
    assertThat(store.head(BUCKET, destination)).isEmpty();
    assertThat(events).as("the destination target fires it").isEmpty();
  }

  // -- bucket properties

  @Test
  void validateWarmGet_corruptedObjectWithoutRedundancy_isQuarantinedAndNeverServedFromMemory() throws IOException {
    service.put(VALIDATED, "v", Bodies.of(bytes(4096, 23)), PutArgs.PLAIN, Caller.USER);
    Bodies.readAll(service.get(VALIDATED, "v", Caller.USER));
    flipAByte(store, VALIDATED, "v");

    assertThatThrownBy(() -> service.get(VALIDATED, "v", Caller.USER)).satisfies(code(ErrorCode.OBJECT_QUARANTINED));
    assertThatThrownBy(() -> service.get(VALIDATED, "v", Caller.USER)).as("and stays so")
        .satisfies(code(ErrorCode.OBJECT_QUARANTINED));
    assertThat(service.tryOpenCached(VALIDATED, "v", Caller.USER)).isNull();
    assertThat(store.head(VALIDATED, "v")).isEmpty();
  }

  @Test
  void plainBucket_recentlyReadObject_isServedFromMemory() throws IOException {
    byte[] data = bytes(4096, 24);
    service.put(BUCKET, "hot", Bodies.of(data), PutArgs.PLAIN, Caller.USER);
    Bodies.readAll(service.get(BUCKET, "hot", Caller.USER));

    var cached = service.tryOpenCached(BUCKET, "hot", Caller.USER);

    assertThat(cached).isNotNull();
    cached.file().release();
    assertThat(service.tryOpenCached(Bucket.ais("nope"), "hot", Caller.USER)).isNull();
    assertThat(service.tryOpenCached(BUCKET, "hot", Caller.peer("t-other"))).as("a peer's read is no access").isNull();
  }

  // -- helpers

  private ObjectMeta putOnPeer(String name, byte[] data, Map<String, String> custom) throws IOException {
    return peer.store.put(BUCKET, name, Bodies.of(data), PutOptions.DEFAULT.withCustom(custom));
  }

  @Test
  void promote_withoutOverwrite_ownerNotAnswering_failsAndNeverOverwrites() throws IOException {
    String name = ownedByPeer("prm");
    ObjectMeta kept = putOnPeer(name, bytes(100, 7), Map.of());
    Path file = Files.write(dir.resolve("file-to-promote"), bytes(50, 8));
    peer.silent = true;

    assertThatThrownBy(() -> service.promote(BUCKET, name, file, false, JOB)).isInstanceOf(IOException.class);

    peer.silent = false;
    assertThat(peer.store.head(BUCKET, name)).as("the owner's object is untouched").hasValueSatisfying(meta -> {
      assertThat(meta.version()).isEqualTo(kept.version());
      assertThat(meta.checksum()).isEqualTo(kept.checksum());
    });
    assertThat(service.promote(BUCKET, name, file, false, JOB)).as("kept once the owner answers").isEmpty();
  }

  private static String ownedHere(String prefix) {
    return firstOwnedBy(SELF, prefix);
  }

  private static String ownedByPeer(String prefix) {
    return firstOwnedBy(PEER, prefix);
  }

  private static String firstOwnedBy(Snode target, String prefix) {
    Smap smap = new Smap(Map.of(), Map.of(SELF.id(), SELF, PEER.id(), PEER), null, "cluster", "", 1);
    for (int i = 0; ; i++) {
      if (smap.owner(BUCKET, prefix + i).id().equals(target.id())) {
        return prefix + i;
      }
    }
  }

  private static void flipAByte(ObjectStore where, String name) throws IOException {
    flipAByte(where, BUCKET, name);
  }

  /** Changes one byte of the object's file behind the store's back (same size: only a checksum tells). */
  private static void flipAByte(ObjectStore where, Bucket bucket, String name) throws IOException {
    Path file = where.mountpathOf(bucket, name).path().resolve("@ais").resolve(bucket.name()).resolve("%ob")
        .resolve(name);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      channel.read(one, 10);
      one.flip();
      one.put(0, (byte) (one.get(0) ^ 0xff));
      channel.write(one, 10);
    }
  }

  private static List<Path> workfiles(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).filter(p -> p.getParent().getFileName().toString().equals("%wk"))
          .toList();
    }
  }

  private static byte[] bytes(int size, long seed) {
    byte[] data = new byte[size];
    new SplittableRandom(seed).nextBytes(data);
    return data;
  }

  private static Consumer<Throwable> code(ErrorCode expected) {
    return e -> assertThat(e).isInstanceOf(JaisException.class)
        .satisfies(j -> assertThat(((JaisException) j).code()).isEqualTo(expected));
  }

  /** Polls state (never sleeps for a fixed time) until the condition holds; fails after 20 s. */
  private static void awaitUntil(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition still false after 20 s").isLessThan(deadline);
      Thread.onSpinWait();
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
    }
  }
}
