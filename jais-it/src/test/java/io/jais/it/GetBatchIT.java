package io.jais.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bucket;
import io.jais.api.job.JobArgs;
import io.jais.api.job.JobSnapshot;
import io.jais.client.JaisClient;
import io.jais.node.archive.ArchiveFormat;
import io.jais.node.archive.ArchiveWriter;
import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.junit.jupiter.api.Test;

/**
 * Get-batch ({@code GET /v1/ml/moss}) on three targets, through a proxy as the AIS SDK calls it:
 * entries come back in request order whichever target holds them, missing ones as empty
 * {@code __404__/} members with continue-on-error, shard members and ranges as asked; bad requests
 * are 4xx before any byte of a reply.
 */
@JaisCluster(targets = 3)
class GetBatchIT {
  private final JaisClient client;
  private final String endpoint;

  GetBatchIT(JaisClient client, LocalCluster cluster) {
    this.client = client;
    this.endpoint = cluster.endpoint();
  }

  private static byte[] data(String name) {
    return ("bytes of " + name + " ").repeat(name.length()).getBytes(StandardCharsets.UTF_8);
  }

  private Bucket bucketWith(String name, List<String> objects) {
    Bucket bucket = Bucket.ais(name);
    client.buckets().create(bucket);
    for (String object : objects) {
      client.objects().put(bucket, object, data(object));
    }
    return bucket;
  }

  private HttpResponse<byte[]> batch(String path, String body) throws Exception {
    return RawHttp.send("GET", endpoint + path, RawHttp.json(body), "Content-Type", "application/json");
  }

  /** The members of an archive reply, name to bytes, in order. */
  private static LinkedHashMap<String, byte[]> members(byte[] archive, ArchiveFormat format) throws IOException {
    InputStream raw = new ByteArrayInputStream(archive);
    LinkedHashMap<String, byte[]> members = new LinkedHashMap<>();
    try (ArchiveInputStream<? extends ArchiveEntry> in = switch (format) {
      case ZIP -> new ZipArchiveInputStream(raw);
      case TGZ, TAR_GZ -> new TarArchiveInputStream(new GZIPInputStream(raw));
      default -> new TarArchiveInputStream(raw);
    }) {
      for (ArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        members.put(e.getName(), in.readAllBytes());
      }
    }
    return members;
  }

  private static String entries(List<String> names, String bucket) {
    List<String> in = new ArrayList<>();
    for (String name : names) {
      in.add("{\"objname\":\"" + name + "\",\"bucket\":\"" + bucket + "\",\"provider\":\"ais\"}");
    }
    return String.join(",", in);
  }

  @Test
  void streaming_entriesInRequestOrder_acrossTargets_missingOnesAsPlaceholders() throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      names.add("obj-" + i);
    }
    bucketWith("gb-order", names);
    List<String> asked = new ArrayList<>(names.reversed());
    asked.add(5, "missing-1");
    asked.add("missing-2");

    HttpResponse<byte[]> reply = batch("/v1/ml/moss/gb-order?provider=ais",
        "{\"in\":[" + entries(asked, "gb-order") + "],\"coer\":true,\"strm\":true}");

    assertThat(reply.statusCode()).as(RawHttp.text(reply)).isEqualTo(200);
    assertThat(reply.headers().firstValue("Content-Type")).contains("application/x-tar");
    LinkedHashMap<String, byte[]> members = members(reply.body(), ArchiveFormat.TAR);
    List<String> expected = asked.stream()
        .map(n -> n.startsWith("missing") ? "__404__/gb-order/" + n : "gb-order/" + n).toList();
    assertThat(new ArrayList<>(members.keySet())).containsExactlyElementsOf(expected);
    for (String name : names) {
      assertThat(members.get("gb-order/" + name)).as(name).isEqualTo(data(name));
    }
    assertThat(members.get("__404__/gb-order/missing-1")).isEmpty();

    String jobId = reply.headers().firstValue("Ais-Xaction-Id").orElseThrow();
    List<JobSnapshot> snapshots = client.jobs().snapshots(JobArgs.ofId(jobId)).values().stream()
        .flatMap(List::stream).toList();
    assertThat(snapshots).hasSize(1); // one assembling target
    JobSnapshot job = snapshots.getFirst();
    assertThat(job.kind()).isEqualTo("get-batch");
    assertThat(job.stat(JobSnapshot.STAT_OBJECTS)).isEqualTo(30);
    assertThat(job.stat(JobSnapshot.STAT_IN_OBJECTS)).as("entries pulled from the other targets").isPositive()
        .isLessThan(30);
    assertThat(job.error()).contains("missing-1");
  }

  @Test
  void formats_namesWithoutBucket_membersAndRanges() throws Exception {
    Bucket bucket = bucketWith("gb-formats", List.of("plain"));
    ByteArrayOutputStream shard = new ByteArrayOutputStream();
    try (ArchiveWriter writer = ArchiveWriter.create(ArchiveFormat.TAR, shard)) {
      writer.add("img/1.jpg", 10, 0, new ByteArrayInputStream("0123456789".getBytes()));
      writer.add("img/2.jpg", 3, 0, new ByteArrayInputStream("abc".getBytes()));
      writer.finish();
    }
    client.objects().put(bucket, "shard.tar", shard.toByteArray());
    String in = "{\"objname\":\"shard.tar\",\"archpath\":\"img/1.jpg\",\"start\":2,\"length\":5},"
        + "{\"objname\":\"plain\",\"start\":3,\"length\":-1},"
        + "{\"objname\":\"shard.tar\",\"archpath\":\"img/2.jpg\"}";

    for (ArchiveFormat format : ArchiveFormat.values()) {
      if (format == ArchiveFormat.TAR_LZ4) {
        continue; // the reader here has no LZ4; the unit tests read it back
      }
      HttpResponse<byte[]> reply = batch("/v1/ml/moss/gb-formats?provider=ais",
          "{\"in\":[" + in + "],\"mime\":\"" + format.extension() + "\",\"onob\":true,\"strm\":true}");
      assertThat(reply.statusCode()).as(format + ": " + RawHttp.text(reply)).isEqualTo(200);
      Map<String, byte[]> members = members(reply.body(), format);
      assertThat(new ArrayList<>(members.keySet())).as(format.name())
          .containsExactly("shard.tar/img/1.jpg", "plain", "shard.tar/img/2.jpg");
      assertThat(new String(members.get("shard.tar/img/1.jpg"))).isEqualTo("23456");
      assertThat(members.get("plain")).isEqualTo(java.util.Arrays.copyOfRange(data("plain"), 3, data("plain").length));
      assertThat(new String(members.get("shard.tar/img/2.jpg"))).isEqualTo("abc");
    }
  }

  @Test
  void multipart_metadataThenArchive_withEveryOutcome() throws Exception {
    bucketWith("gb-multi", List.of("a", "b"));
    HttpResponse<byte[]> reply = batch("/v1/ml/moss",
        "{\"in\":[" + entries(List.of("a", "gone", "b"), "gb-multi")
            + "],\"coer\":true,\"strm\":false}");

    assertThat(reply.statusCode()).as(RawHttp.text(reply)).isEqualTo(200);
    String type = reply.headers().firstValue("Content-Type").orElseThrow();
    assertThat(type).startsWith("multipart/mixed; boundary=");
    String boundary = type.substring(type.indexOf('=') + 1);
    String text = new String(reply.body(), StandardCharsets.ISO_8859_1);
    String[] parts = text.split("--" + boundary);
    assertThat(parts[1]).contains("name=\"metadata\"").contains("\"objname\":\"a\"")
        .contains("\"objname\":\"gone\"").contains("\"err_msg\":\"ais://gb-multi/gone does not exist\"")
        .contains("\"size\":" + data("b").length);
    String archive = parts[2].substring(parts[2].indexOf("\r\n\r\n") + 4, parts[2].length() - 2);
    Map<String, byte[]> members = members(archive.getBytes(StandardCharsets.ISO_8859_1), ArchiveFormat.TAR);
    assertThat(members.keySet()).containsExactly("gb-multi/a", "__404__/gb-multi/gone", "gb-multi/b");
  }

  @Test
  void badRequests_are4xx_beforeAnyArchive() throws Exception {
    bucketWith("gb-bad", List.of("here"));

    HttpResponse<byte[]> noBucket = batch("/v1/ml/moss/gb-never?provider=ais", "{\"in\":[{\"objname\":\"x\"}]}");
    assertThat(noBucket.statusCode()).isEqualTo(404);
    assertThat(RawHttp.text(noBucket)).contains("does not exist");

    HttpResponse<byte[]> missingFirst = batch("/v1/ml/moss/gb-bad?provider=ais",
        "{\"in\":[{\"objname\":\"not-here\"},{\"objname\":\"here\"}],\"strm\":true}");
    assertThat(missingFirst.statusCode()).isEqualTo(404);
    assertThat(RawHttp.text(missingFirst)).contains("ais://gb-bad/not-here does not exist");

    assertThat(batch("/v1/ml/moss/gb-bad?provider=ais", "{\"in\":[]}").statusCode()).isEqualTo(400);
    assertThat(batch("/v1/ml/moss/gb-bad?provider=ais", "{\"in\":[{\"objname\":\"here\"}],\"mime\":\".rar\"}")
        .statusCode()).isEqualTo(400);
    assertThat(batch("/v1/ml/moss", "{\"in\":[{\"objname\":\"here\"}]}").statusCode())
        .as("no bucket anywhere").isEqualTo(400);
    assertThat(batch("/v1/ml/moss/gb-bad?provider=ais", "{\"in\":[{\"objname\":\"here\",\"start\":100000,\"length\":1}]}")
        .statusCode()).isEqualTo(416);
  }
}
