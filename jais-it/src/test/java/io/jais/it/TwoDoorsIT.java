package io.jais.it;

import static io.jais.it.S3SdkIT.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Snode;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.json.WireJson;
import io.jais.api.object.ObjectAttrs;
import io.jais.client.JaisClient;
import io.jais.client.PutOptions;
import io.jais.node.Node;
import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The native API and the S3 API are two doors to the same objects: whatever one writes, the other
 * reads, ranges and deletes with the same answer, also for objects written before a target joined
 * (which the owner finds on its peers and moves to itself), and both refuse a corrupted object
 * when the bucket validates checksums on GET.
 */
@JaisCluster(proxies = 1, targets = 3)
class TwoDoorsIT {
  private final LocalCluster cluster;
  private final JaisClient client;
  private final S3Client s3;
  private final List<AutoCloseable> open = new ArrayList<>();

  @TempDir Path dir;

  TwoDoorsIT(LocalCluster cluster, JaisClient client) {
    this.cluster = cluster;
    this.client = client;
    this.s3 = S3Clients.of(cluster.endpoint());
  }

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  @Test
  void putNatively_readRangeAndDeleteThroughS3() throws Exception {
    Bucket bucket = create(client, "native-first");
    byte[] data = TestBytes.random(1, 200_000);
    client.objects().put(bucket, "dir/n.bin", data,
        new PutOptions("", "", Map.of("x-amz-meta-color", "blue", "plain", "1")));

    assertSameThroughBothDoors(client, s3, bucket, "dir/n.bin", data);
    HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket.name()).key("dir/n.bin"));
    assertThat(head.metadata()).containsExactly(Map.entry("color", "blue"));
    assertThat(head.eTag()).as("no MD5 for a native PUT: the stored checksum")
        .isEqualTo(S3Clients.quoted(TestBytes.xxhash(data)));

    s3.deleteObject(b -> b.bucket(bucket.name()).key("dir/n.bin"));

    assertNativeNotFound(client, bucket, "dir/n.bin");
    assertS3Error(() -> s3.getObject(b -> b.bucket(bucket.name()).key("dir/n.bin")), 404, "NoSuchKey");
  }

  @Test
  void putThroughS3_readRangeAndDeleteNatively() throws Exception {
    Bucket bucket = create(client, "s3-first");
    byte[] data = TestBytes.random(2, 300_000);
    s3.putObject(b -> b.bucket(bucket.name()).key("dir/s.bin").contentType("image/png")
        .metadata(Map.of("color", "red")), RequestBody.fromBytes(data));

    assertSameThroughBothDoors(client, s3, bucket, "dir/s.bin", data);
    ObjectAttrs attrs = client.objects().head(bucket, "dir/s.bin");
    assertThat(attrs.custom()).containsEntry("x-amz-meta-color", "red").containsEntry("Content-Type", "image/png")
        .containsEntry("ETag", S3Clients.md5(data));

    client.objects().delete(bucket, "dir/s.bin");

    assertS3Error(() -> s3.headObject(b -> b.bucket(bucket.name()).key("dir/s.bin")), 404, null);
    assertS3Error(() -> s3.getObject(b -> b.bucket(bucket.name()).key("dir/s.bin")), 404, "NoSuchKey");
    assertNativeNotFound(client, bucket, "dir/s.bin");
  }

  @Test
  void validateWarmGet_corruptedObject_bothDoorsRefuseToServeIt() throws Exception {
    Bucket bucket = create(client, "validated");
    client.buckets().setProps(bucket, WireJson.MAPPER.readTree("{\"checksum\":{\"validate_warm_get\":true}}"));
    byte[] data = TestBytes.random(3, 64 * 1024);
    s3.putObject(b -> b.bucket(bucket.name()).key("precious"), RequestBody.fromBytes(data));
    assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket.name()).key("precious")).asByteArray()).isEqualTo(data);

    flipAByte(objectFile(client.objects().head(bucket, "precious").location(), bucket, "precious"), 100);

    HttpResponse<byte[]> natively = RawHttp.send("GET", objectUrl(bucket, "precious"), null);
    // nothing redundant to restore it from: quarantined, a clear error no client retries
    assertThat(natively.statusCode()).isEqualTo(410);
    assertThat(RawHttp.text(natively)).contains("ErrObjQuarantined");
    assertS3Error(() -> s3.getObjectAsBytes(b -> b.bucket(bucket.name()).key("precious")), 410, "InvalidObjectState");
  }

  /**
   * Objects written before a target joined stay where they were; their new owner finds them on
   * its peers. Whichever door reads first, the object moves to its owner with its metadata, and
   * both doors then give the same bytes and metadata as before the join. Deleting one that has not
   * moved yet removes it everywhere.
   */
  @Test
  void addTarget_objectsWrittenBefore_foundThroughBothDoorsAndMovedToTheirOwner() throws Exception {
    LocalCluster grown = LocalCluster.start(dir, 1, 2, 0, 2);
    open.add(grown);
    JaisClient natively = JaisClient.create(grown.endpoint());
    open.add(natively);
    S3Client viaS3 = S3Clients.of(grown.endpoint());
    open.add(viaS3);
    Bucket bucket = create(natively, "grow");
    Map<String, byte[]> written = new LinkedHashMap<>();
    for (int i = 0; i < 90; i++) {
      byte[] data = TestBytes.random(100 + i, 1 + i * 997);
      String name = "obj/" + i;
      if (i % 2 == 0) {
        natively.objects().put(bucket, name, data, new PutOptions("", "", Map.of("x-amz-meta-i", "" + i)));
      } else {
        Map<String, String> metadata = Map.of("i", "" + i);
        viaS3.putObject(b -> b.bucket(bucket.name()).key(name).metadata(metadata), RequestBody.fromBytes(data));
      }
      written.put(name, data);
    }
    Map<String, Snapshot> before = new LinkedHashMap<>();
    for (String name : written.keySet()) {
      before.put(name, Snapshot.of(natively, viaS3, bucket, name));
    }

    Node added = grown.addTarget();

    List<String> misplaced = written.keySet().stream()
        .filter(name -> owner(grown, bucket, name).id().equals(added.snode().id())).toList();
    assertThat(misplaced).as("names the new target owns").hasSizeGreaterThan(8);
    for (int i = 0; i < misplaced.size() - 2; i++) {
      String name = misplaced.get(i);
      // the rebalance the join started moves it, or this first touch pulls it: either way the same object
      switch (i % 4) { // the first touch: either door, GET or HEAD
        case 0 -> assertThat(natively.objects().get(bucket, name)).isEqualTo(written.get(name));
        case 1 -> assertThat(viaS3.getObjectAsBytes(b -> b.bucket(bucket.name()).key(name)).asByteArray())
            .isEqualTo(written.get(name));
        case 2 -> natively.objects().head(bucket, name);
        default -> viaS3.headObject(b -> b.bucket(bucket.name()).key(name));
      }
      assertSameThroughBothDoors(natively, viaS3, bucket, name, written.get(name));
      assertThat(Snapshot.of(natively, viaS3, bucket, name)).as(name).isEqualTo(before.get(name));
      assertThat(filesOf(grown, bucket, name)).as("%s only on its owner", name)
          .singleElement().satisfies(file -> assertThat(file).startsWith(targetDir(grown, added)));
      assertThat(natively.objects().head(bucket, name).location()).startsWith("t[" + added.snode().id() + "]:");
    }

    String deletedThroughS3 = misplaced.get(misplaced.size() - 2);
    viaS3.deleteObject(b -> b.bucket(bucket.name()).key(deletedThroughS3));
    assertNativeNotFound(natively, bucket, deletedThroughS3);
    assertThat(filesOf(grown, bucket, deletedThroughS3)).isEmpty();

    String deletedNatively = misplaced.get(misplaced.size() - 1);
    natively.objects().delete(bucket, deletedNatively);
    assertS3Error(() -> viaS3.getObject(b -> b.bucket(bucket.name()).key(deletedNatively)), 404, "NoSuchKey");
    assertS3Error(() -> viaS3.headObject(b -> b.bucket(bucket.name()).key(deletedNatively)), 404, null);
    assertThat(filesOf(grown, bucket, deletedNatively)).isEmpty();

    for (String name : written.keySet()) { // the rest is untouched and readable as before
      if (!misplaced.contains(name)) {
        assertThat(Snapshot.of(natively, viaS3, bucket, name)).as(name).isEqualTo(before.get(name));
      }
    }
  }

  /** What each door says about an object, minus the access time (every GET changes it). */
  private record Snapshot(long size, String checksum, String version, Map<String, String> custom, String etag,
      Map<String, String> s3Metadata, String lastModified) {
    static Snapshot of(JaisClient natively, S3Client viaS3, Bucket bucket, String name) {
      ObjectAttrs attrs = natively.objects().head(bucket, name);
      HeadObjectResponse head = viaS3.headObject(b -> b.bucket(bucket.name()).key(name));
      assertThat(head.contentLength()).isEqualTo(attrs.size());
      return new Snapshot(attrs.size(), attrs.checksumType() + ":" + attrs.checksumValue(), attrs.version(),
          attrs.custom(), head.eTag(), head.metadata(), head.lastModified().toString());
    }
  }

  /** Whole object and two ranges, through each door: the same bytes. */
  private static void assertSameThroughBothDoors(JaisClient natively, S3Client viaS3, Bucket bucket, String name,
      byte[] data) {
    assertThat(natively.objects().get(bucket, name)).isEqualTo(data);
    assertThat(viaS3.getObjectAsBytes(b -> b.bucket(bucket.name()).key(name)).asByteArray()).isEqualTo(data);
    int from = data.length / 3;
    int length = Math.min(1000, data.length - from);
    byte[] slice = Arrays.copyOfRange(data, from, from + length);
    assertThat(natively.objects().get(bucket, name, from, length)).isEqualTo(slice);
    String range = "bytes=" + from + "-" + (from + length - 1);
    assertThat(viaS3.getObjectAsBytes(b -> b.bucket(bucket.name()).key(name).range(range)).asByteArray())
        .isEqualTo(slice);
    assertThat(viaS3.headObject(b -> b.bucket(bucket.name()).key(name)).contentLength())
        .isEqualTo(natively.objects().head(bucket, name).size()).isEqualTo(data.length);
  }

  private static void assertNativeNotFound(JaisClient natively, Bucket bucket, String name) {
    assertThat(natively.objects().headIfExists(bucket, name)).isEmpty();
    assertThatThrownBy(() -> natively.objects().get(bucket, name)).isInstanceOfSatisfying(JaisException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.OBJECT_NOT_FOUND));
  }

  private static Bucket create(JaisClient natively, String name) {
    Bucket bucket = Bucket.ais(name);
    natively.buckets().create(bucket);
    return bucket;
  }

  private String objectUrl(Bucket bucket, String name) {
    return cluster.endpoint() + "/v1/objects/" + bucket.name() + "/" + name + "?provider=ais";
  }

  private static Snode owner(LocalCluster cluster, Bucket bucket, String name) {
    return cluster.primary().state().smap().owner(bucket, name);
  }

  private static Path targetDir(LocalCluster cluster, Node target) {
    return cluster.dir().resolve("target-" + cluster.targets().indexOf(target));
  }

  /** Every file of the object on any target's mountpaths. */
  private static List<Path> filesOf(LocalCluster cluster, Bucket bucket, String name) throws IOException {
    List<Path> found = new ArrayList<>();
    try (Stream<Path> mountpaths = Files.list(cluster.dir())) {
      for (Path target : mountpaths.filter(p -> p.getFileName().toString().startsWith("target-")).toList()) {
        try (Stream<Path> mps = Files.list(target)) {
          for (Path mp : mps.filter(p -> p.getFileName().toString().startsWith("mp")).toList()) {
            Path file = objectFile(mp, bucket, name);
            if (Files.isRegularFile(file)) {
              found.add(file);
            }
          }
        }
      }
    }
    return found;
  }

  /** The file of an object from its {@code Ais-Location} ({@code t[id]:/mountpath}). */
  private static Path objectFile(String location, Bucket bucket, String name) {
    return objectFile(Path.of(location.substring(location.indexOf("]:") + 2)), bucket, name);
  }

  private static Path objectFile(Path mountpath, Bucket bucket, String name) {
    return mountpath.resolve("@ais").resolve(bucket.name()).resolve("%ob").resolve(name);
  }

  /** Changes one byte behind the target's back: same inode, same size; only a checksum tells. */
  private static void flipAByte(Path file, long at) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      channel.read(one, at);
      channel.write(ByteBuffer.wrap(new byte[] {(byte) ~one.get(0)}), at);
    }
  }
}
