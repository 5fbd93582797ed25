package io.jais.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.JaisException;
import io.jais.api.job.JobStatus;
import io.jais.client.JaisClient;
import io.jais.node.archive.ArchiveFormat;
import io.jais.node.archive.ArchiveWriter;
import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Shards on three targets: the {@code archive} job collects objects from every target into one
 * shard (and appends to it), GET reads members ({@code archpath}, {@code archregx}), listings
 * open shards up ({@code ARCH_DIR}); malformed, truncated and escaping shards are 400 and write
 * nothing.
 */
@JaisCluster(targets = 3)
class ArchivesIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final JaisClient client;
  private final String endpoint;

  ArchivesIT(JaisClient client, LocalCluster cluster) {
    this.client = client;
    this.endpoint = cluster.endpoint();
  }

  private static byte[] data(String name) {
    return ("content of " + name).getBytes(StandardCharsets.UTF_8);
  }

  private Bucket bucketWith(String name, List<String> objects) {
    Bucket bucket = Bucket.ais(name);
    client.buckets().create(bucket);
    for (String object : objects) {
      client.objects().put(bucket, object, data(object));
    }
    return bucket;
  }

  /** Starts an archive job; its ID, or the error reply. */
  private HttpResponse<byte[]> archive(String bucket, String value) throws Exception {
    return RawHttp.send("PUT", endpoint + "/v1/buckets/" + bucket + "?provider=ais",
        RawHttp.json("{\"action\":\"archive\",\"name\":\"\",\"value\":" + value + "}"), "Content-Type", "application/json");
  }

  private JobStatus archiveAndWait(String bucket, String value) throws Exception {
    HttpResponse<byte[]> started = archive(bucket, value);
    assertThat(started.statusCode()).as(RawHttp.text(started)).isEqualTo(200);
    return client.jobs().await(RawHttp.text(started), WAIT);
  }

  private HttpResponse<byte[]> get(String bucket, String object, String query) throws Exception {
    return RawHttp.send("GET", endpoint + "/v1/objects/" + bucket + "/" + object + "?provider=ais&" + query, null);
  }

  private static Map<String, byte[]> tarMembers(byte[] tar) throws IOException {
    Map<String, byte[]> members = new LinkedHashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        members.put(e.getName(), in.readAllBytes());
      }
    }
    return members;
  }

  private static List<String> names(int n) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add("src/o-" + i + (i % 2 == 0 ? ".txt" : ".cls"));
    }
    return names;
  }

  @Test
  void archiveJob_collectsFromEveryTarget_inListOrder_thenMembersAreReadable() throws Exception {
    List<String> names = names(12);
    bucketWith("ar-src", names);
    client.buckets().create(Bucket.ais("ar-dst"));
    List<String> listed = new ArrayList<>(names.reversed());
    String objnames = "[\"" + String.join("\",\"", listed) + "\"]";

    JobStatus done = archiveAndWait("ar-src", "{\"objnames\":" + objnames
        + ",\"archname\":\"out/shard.tar\",\"tobck\":{\"name\":\"ar-dst\",\"provider\":\"ais\"}}");
    assertThat(done.error()).isEmpty();
    assertThat(done.aborted()).isFalse();

    Map<String, byte[]> members = tarMembers(client.objects().get(Bucket.ais("ar-dst"), "out/shard.tar"));
    assertThat(new ArrayList<>(members.keySet())).containsExactlyElementsOf(listed);
    listed.forEach(n -> assertThat(members.get(n)).as(n).isEqualTo(data(n)));

    HttpResponse<byte[]> one = get("ar-dst", "out/shard.tar", "archpath=src/o-3.cls");
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(one.body()).isEqualTo(data("src/o-3.cls"));
    assertThat(get("ar-dst", "out/shard.tar", "archpath=src/none").statusCode()).isEqualTo(404);

    HttpResponse<byte[]> matching = get("ar-dst", "out/shard.tar", "archregx=src/o-1&archmode=wdskey");
    assertThat(matching.statusCode()).isEqualTo(200);
    assertThat(tarMembers(matching.body()).keySet()).containsExactly("src/o-1.cls");
    HttpResponse<byte[]> suffix = get("ar-dst", "out/shard.tar", "archregx=.txt&archmode=suffix");
    assertThat(tarMembers(suffix.body())).hasSize(6);
    assertThat(get("ar-dst", "out/shard.tar", "archregx=nothing&archmode=prefix").statusCode()).isEqualTo(404);
    assertThat(get("ar-dst", "out/shard.tar", "archregx=x&archmode=glob").statusCode()).isEqualTo(400);
  }

  @Test
  void append_addsToTheShard_prefixSelectionWithBucketNames_zipFormat() throws Exception {
    bucketWith("ar-app", List.of("p/a", "p/b", "q/c"));
    JobStatus first = archiveAndWait("ar-app", "{\"template\":\"p/\",\"archname\":\"s.tar\"}");
    assertThat(first.error()).isEmpty();
    JobStatus second = archiveAndWait("ar-app", "{\"objnames\":[\"q/c\"],\"archname\":\"s.tar\",\"aate\":true,\"isbn\":true}");
    assertThat(second.error()).isEmpty();
    assertThat(tarMembers(client.objects().get(Bucket.ais("ar-app"), "s.tar")).keySet())
        .containsExactly("p/a", "p/b", "ar-app/q/c");

    JobStatus zip = archiveAndWait("ar-app", "{\"objnames\":[\"p/a\",\"p/b\"],\"archname\":\"z.zip\",\"bnonly\":true}");
    assertThat(zip.error()).isEmpty();
    HttpResponse<byte[]> member = get("ar-app", "z.zip", "archpath=b");
    assertThat(member.statusCode()).isEqualTo(200);
    assertThat(member.body()).isEqualTo(data("p/b"));
  }

  @Test
  void missingSource_withoutCoer_failsTheJob_andWritesNoShard_withCoer_skipsIt() throws Exception {
    bucketWith("ar-miss", List.of("x", "y"));
    JobStatus failed = archiveAndWait("ar-miss", "{\"objnames\":[\"x\",\"gone\",\"y\"],\"archname\":\"m.tar\"}");
    assertThat(failed.error()).contains("ais://ar-miss/gone does not exist");
    assertThatThrownBy(() -> client.objects().get(Bucket.ais("ar-miss"), "m.tar")).isInstanceOf(JaisException.class);

    JobStatus skipped = archiveAndWait("ar-miss", "{\"objnames\":[\"x\",\"gone\",\"y\"],\"archname\":\"m.tar\",\"coer\":true}");
    assertThat(skipped.aborted()).isFalse();
    assertThat(tarMembers(client.objects().get(Bucket.ais("ar-miss"), "m.tar")).keySet()).containsExactly("x", "y");
  }

  @Test
  void badArchiveRequests_are400_andStartNothing() throws Exception {
    bucketWith("ar-badreq", List.of("x"));
    assertThat(archive("ar-badreq", "{\"objnames\":[\"x\"],\"archname\":\"no-extension\"}").statusCode()).isEqualTo(400);
    assertThat(archive("ar-badreq", "{\"objnames\":[\"x\"],\"archname\":\"a.tar\",\"mime\":\".zip\"}").statusCode())
        .isEqualTo(400);
    assertThat(archive("ar-badreq", "{\"objnames\":[\"x\"],\"archname\":\"a.tar\",\"tobck\":{\"name\":\"nope\","
        + "\"provider\":\"ais\"}}").statusCode()).isEqualTo(404);
    assertThat(client.buckets().listNames(Bucket.ais("ar-badreq"), "")).containsExactly("x");
  }

  @Test
  void malformedShards_are400_onRead_list_andAppend_andNothingIsWritten() throws Exception {
    Bucket bucket = bucketWith("ar-bad", List.of("x"));
    ByteArrayOutputStream good = new ByteArrayOutputStream();
    try (ArchiveWriter writer = ArchiveWriter.create(ArchiveFormat.TAR, good)) {
      byte[] big = new byte[200_000];
      Arrays.fill(big, (byte) 'z');
      writer.add("first", 5, 0, new ByteArrayInputStream("hello".getBytes()));
      writer.add("big", big.length, 0, new ByteArrayInputStream(big));
      writer.finish();
    }
    byte[] truncated = Arrays.copyOf(good.toByteArray(), 100_000);
    client.objects().put(bucket, "cut.tar", truncated);
    ByteArrayOutputStream evil = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(evil)) {
      TarArchiveEntry entry = new TarArchiveEntry("../../escape", true);
      entry.setSize(1);
      tar.putArchiveEntry(entry);
      tar.write('!');
      tar.closeArchiveEntry();
    }
    client.objects().put(bucket, "evil.tar", evil.toByteArray());
    client.objects().put(bucket, "garbage.tgz", "not gzip at all".getBytes());

    HttpResponse<byte[]> cut = get("ar-bad", "cut.tar", "archpath=big");
    assertThat(cut.statusCode()).as(RawHttp.text(cut)).isEqualTo(400);
    assertThat(RawHttp.text(cut)).contains("not a readable archive");
    assertThat(get("ar-bad", "cut.tar", "archpath=first").statusCode()).as("before the cut").isEqualTo(200);
    HttpResponse<byte[]> escape = get("ar-bad", "evil.tar", "archregx=&archmode=prefix");
    assertThat(escape.statusCode()).isEqualTo(400);
    assertThat(RawHttp.text(escape)).contains("climbs out of the archive");
    assertThat(get("ar-bad", "garbage.tgz", "archpath=x").statusCode()).isEqualTo(400);
    assertThat(get("ar-bad", "x", "archpath=x").statusCode()).as("not an archive at all").isEqualTo(400);

    JobStatus append = archiveAndWait("ar-bad", "{\"objnames\":[\"x\"],\"archname\":\"evil.tar\",\"aate\":true}");
    assertThat(append.error()).contains("climbs out of the archive");
    assertThat(client.objects().get(bucket, "evil.tar")).as("unchanged").isEqualTo(evil.toByteArray());
    assertThat(client.buckets().listNames(bucket, "")).containsExactlyInAnyOrder("x", "cut.tar", "evil.tar", "garbage.tgz");
  }
}
