package io.jais.it;

import static io.jais.it.RawHttp.json;
import static io.jais.it.RawHttp.send;
import static io.jais.it.RawHttp.sendNoRedirect;
import static io.jais.it.RawHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jais.api.hash.Xxh64;
import io.jais.api.json.WireJson;
import io.jais.api.msgpack.ListObjectsCodec;
import io.jais.api.object.EntryFlags;
import io.jais.api.object.ListObjectsPage;
import io.jais.api.object.ObjectEntry;
import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The AIS native API on the wire, as the Python SDK sees it (docs/native-api.md#cluster-and-node,
 * docs/native-api.md#objects), through raw HTTP.
 */
@JaisCluster(proxies = 2, targets = 3)
class NativeApiIT {
  private final String endpoint;

  NativeApiIT(LocalCluster cluster) {
    this.endpoint = cluster.endpoint();
  }

  private String bucketUrl(String bucket) {
    return endpoint + "/v1/buckets/" + bucket + "?provider=ais";
  }

  private String objectUrl(String bucket, String object) {
    return endpoint + "/v1/objects/" + bucket + "/" + quote(object) + "?provider=ais";
  }

  /** Python's urllib.parse.quote(name): '/' safe, everything else outside unreserved encoded. */
  static String quote(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/")
        .replace("%7E", "~");
  }

  private void createBucket(String bucket) throws Exception {
    HttpResponse<byte[]> r = send("POST", bucketUrl(bucket), json("{\"action\":\"create-bck\",\"name\":\"\",\"value\":null}"),
        "Content-Type", "application/json");
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
  }

  @Test
  void smap_onProxiesAndTargets_carriesAisDigestsAndReachableUrls(LocalCluster cluster) throws Exception {
    for (var node : cluster.nodes()) {
      HttpResponse<byte[]> r = send("GET", node.url() + "/v1/daemon?what=smap", null);
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode smap = WireJson.MAPPER.readTree(r.body());
      assertThat(smap.get("version").isTextual()).isTrue();
      assertThat(smap.get("uuid").asText()).isNotEmpty();
      assertThat(smap.get("pmap").size()).isEqualTo(2);
      assertThat(smap.get("tmap").size()).isEqualTo(3);
      assertThat(smap.get("proxy_si").get("daemon_id").asText()).isEqualTo(cluster.primary().snode().id());
      smap.get("tmap").properties().forEach(e -> {
        String expected = Long.toUnsignedString(Xxh64.hash(e.getKey(), Xxh64.HRW_SEED));
        assertThat(e.getValue().get("id_digest").asText()).isEqualTo(expected);
        assertThat(e.getValue().get("public_net").get("direct_url").asText()).startsWith("http://127.0.0.1:");
      });
    }
  }

  @Test
  void health_primaryReady_answers200() throws Exception {
    assertThat(send("GET", endpoint + "/v1/health?prr=true", null).statusCode()).isEqualTo(200);
  }

  @Test
  void createBucket_twice_secondIs409NamingTheBucket() throws Exception {
    createBucket("dup-bucket");
    HttpResponse<byte[]> r = send("POST", bucketUrl("dup-bucket"), json("{\"action\":\"create-bck\"}"));
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(text(r)).contains("ais://dup-bucket").contains("already exists");
  }

  @Test
  void createBucket_invalidNames_are4xxAndCreateNothing() throws Exception {
    for (String bad : List.of("*", "$badname", "~bad", "bucket%20and%20name", ".hidden", "a..b", "x".repeat(65))) {
      HttpResponse<byte[]> r = send("POST", endpoint + "/v1/buckets/" + bad + "?provider=ais",
          json("{\"action\":\"create-bck\"}"));
      assertThat(r.statusCode()).as(bad).isBetween(400, 499);
    }
    HttpResponse<byte[]> twoSegments = send("POST", endpoint + "/v1/buckets/bucket/badname?provider=ais",
        json("{\"action\":\"create-bck\"}"));
    assertThat(twoSegments.statusCode()).isEqualTo(400);
    HttpResponse<byte[]> list = send("GET", endpoint + "/v1/buckets?provider=ais", json("{\"action\":\"list\"}"));
    assertThat(text(list)).doesNotContain("badname");
  }

  @Test
  void listBuckets_containsCreatedAndIsAnArray() throws Exception {
    createBucket("listed-bucket");
    HttpResponse<byte[]> r = send("GET", endpoint + "/v1/buckets?provider=ais",
        json("{\"action\":\"list\",\"name\":\"\",\"value\":null}"));
    JsonNode list = WireJson.MAPPER.readTree(r.body());
    assertThat(list.isArray()).isTrue();
    assertThat(list.findValuesAsText("name")).contains("listed-bucket");
  }

  @Test
  void headBucket_returnsCompletePropsWithAisDefaults() throws Exception {
    createBucket("props-bucket");
    HttpResponse<byte[]> r = send("HEAD", bucketUrl("props-bucket"), null);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode props = WireJson.MAPPER.readTree(r.headers().firstValue("Ais-Bucket-Props").orElseThrow());
    assertThat(props.get("checksum").get("type").asText()).isEqualTo("xxhash2");
    assertThat(props.get("access").asText()).isEqualTo("18446744073709551615");
    assertThat(props.get("features").asText()).isEqualTo("0");
    assertThat(props.get("versioning").get("enabled").asBoolean()).isTrue();
    assertThat(props.get("mirror").get("copies").asInt()).isEqualTo(2);
    assertThat(props.has("ec")).isTrue();
    assertThat(props.has("lru")).isTrue();
  }

  @Test
  void headBucket_missing_is404WithHdrErrorAndNoBody() throws Exception {
    HttpResponse<byte[]> r = send("HEAD", bucketUrl("no-such-bucket"), null);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).isEmpty();
    assertThat(r.headers().firstValue("Hdr-Error").orElseThrow()).contains("ais://no-such-bucket");
  }

  @Test
  void setProps_checksumType_isAppliedAndValidated() throws Exception {
    createBucket("patched-bucket");
    HttpResponse<byte[]> ok = send("PATCH", bucketUrl("patched-bucket"),
        json("{\"action\":\"set-bprops\",\"value\":{\"checksum\":{\"type\":\"md5\"},\"features\":\"4096\"}}"));
    assertThat(ok.statusCode()).as(text(ok)).isEqualTo(200);
    JsonNode props = WireJson.MAPPER.readTree(send("HEAD", bucketUrl("patched-bucket"), null).headers()
        .firstValue("Ais-Bucket-Props").orElseThrow());
    assertThat(props.get("checksum").get("type").asText()).isEqualTo("md5");
    assertThat(props.get("features").asText()).isEqualTo("4096");
    HttpResponse<byte[]> bad = send("PATCH", bucketUrl("patched-bucket"),
        json("{\"action\":\"set-bprops\",\"value\":{\"checksum\":{\"type\":\"bogus\"}}}"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(text(bad)).contains("checksum.type");
  }

  @Test
  void putGetHead_throughRedirects_roundTripWithAisHeaders() throws Exception {
    createBucket("objects-bucket");
    byte[] data = new byte[300_000];
    new SplittableRandom(1).nextBytes(data);
    String name = "dir/tricky name?x=1&y=%25#frag-你好";
    HttpResponse<byte[]> put = send("PUT", objectUrl("objects-bucket", name), data, "Content-Type", "application/json");
    assertThat(put.statusCode()).as(text(put)).isEqualTo(200);

    HttpResponse<byte[]> redirect = sendNoRedirect("GET", objectUrl("objects-bucket", name), null);
    assertThat(redirect.statusCode()).isEqualTo(301);
    assertThat(redirect.headers().firstValue("Location").orElseThrow()).contains("pid=").contains("utm=");

    HttpResponse<byte[]> get = send("GET", objectUrl("objects-bucket", name), null);
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).isEqualTo(data);
    assertThat(get.headers().firstValue("Ais-Checksum-Type")).hasValue("xxhash2");
    assertThat(get.headers().firstValue("Ais-Checksum-Value")).hasValue(Xxh64.hex(Xxh64.hash(data, 0)));
    assertThat(get.headers().firstValue("Ais-Version")).hasValue("1");
    assertThat(get.headers().firstValue("Ais-Custom-Md")).isEmpty();

    HttpResponse<byte[]> head = send("HEAD", objectUrl("objects-bucket", name), null);
    assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(data.length));
    assertThat(head.headers().firstValue("Ais-Present")).hasValue("true");
    String wireName = head.headers().firstValue("Ais-Name").orElseThrow();
    assertThat(new String(wireName.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8))
        .as("Ais-Name travels as raw UTF-8, as AIS sends it").isEqualTo(name);
    assertThat(Long.parseLong(head.headers().firstValue("Ais-Atime").orElseThrow())).isPositive();

    send("PUT", objectUrl("objects-bucket", name), new byte[] {1, 2, 3});
    assertThat(send("HEAD", objectUrl("objects-bucket", name), null).headers().firstValue("Ais-Version")).hasValue("2");
  }

  @Test
  void rangeGet_variants_return206WithContentRange() throws Exception {
    createBucket("range-bucket");
    byte[] data = new byte[1000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
    }
    send("PUT", objectUrl("range-bucket", "r"), data);
    HttpResponse<byte[]> mid = send("GET", objectUrl("range-bucket", "r"), null, "Range", "bytes=5-100");
    assertThat(mid.statusCode()).isEqualTo(206);
    assertThat(mid.body()).isEqualTo(java.util.Arrays.copyOfRange(data, 5, 101));
    assertThat(mid.headers().firstValue("Content-Range")).hasValue("bytes 5-100/1000");
    HttpResponse<byte[]> open = send("GET", objectUrl("range-bucket", "r"), null, "Range", "bytes=5-");
    assertThat(open.body()).isEqualTo(java.util.Arrays.copyOfRange(data, 5, 1000));
    HttpResponse<byte[]> suffix = send("GET", objectUrl("range-bucket", "r"), null, "Range", "bytes=-10");
    assertThat(suffix.body()).isEqualTo(java.util.Arrays.copyOfRange(data, 990, 1000));
    HttpResponse<byte[]> outside = send("GET", objectUrl("range-bucket", "r"), null, "Range", "bytes=2000-3000");
    assertThat(outside.statusCode()).isEqualTo(416);
    assertThat(outside.headers().firstValue("Content-Range")).hasValue("bytes */1000");
  }

  @Test
  void getMissing_objectAndBucket_are404WithSdkParsableMessages() throws Exception {
    createBucket("missing-bucket");
    HttpResponse<byte[]> noObject = send("GET", objectUrl("missing-bucket", "nope"), null);
    assertThat(noObject.statusCode()).isEqualTo(404);
    assertThat(text(noObject)).contains("ais://missing-bucket/nope").contains("does not exist");
    HttpResponse<byte[]> noBucket = send("GET", objectUrl("never-created", "x"), null);
    assertThat(noBucket.statusCode()).isEqualTo(404);
    assertThat(text(noBucket)).contains("bucket \\\"ais://never-created\\\" does not exist");
  }

  @Test
  void objectNames_withDotSegments_areStoredByTheirNames_nulIsRejected() throws Exception {
    createBucket("escape-bucket");
    List<String> dotted = List.of("../etc/passwd", "a/../../b", "a/./b");
    for (String name : dotted) {
      HttpResponse<byte[]> r = send("PUT", endpoint + "/v1/objects/escape-bucket/" + name + "?provider=ais",
          name.getBytes(StandardCharsets.UTF_8));
      assertThat(r.statusCode()).as(name).isEqualTo(200);
      assertThat(text(send("GET", endpoint + "/v1/objects/escape-bucket/" + name + "?provider=ais", null)))
          .isEqualTo(name);
    }
    HttpResponse<byte[]> nul = send("PUT", endpoint + "/v1/objects/escape-bucket/%00nul?provider=ais", new byte[] {1});
    assertThat(nul.statusCode()).isEqualTo(400);
    assertThat(listAll("escape-bucket", "", 0)).extracting(ObjectEntry::name).containsExactlyInAnyOrderElementsOf(dotted);
  }

  @Test
  void deleteObject_thenGet_is404() throws Exception {
    createBucket("delete-bucket");
    send("PUT", objectUrl("delete-bucket", "gone"), new byte[] {9});
    assertThat(send("DELETE", objectUrl("delete-bucket", "gone"), null).statusCode()).isEqualTo(200);
    assertThat(send("GET", objectUrl("delete-bucket", "gone"), null).statusCode()).isEqualTo(404);
    assertThat(send("DELETE", objectUrl("delete-bucket", "gone"), null).statusCode()).isEqualTo(404);
  }

  @Test
  void listObjects_pagedOverAllTargets_everyObjectOnceInOrder() throws Exception {
    createBucket("list-bucket");
    TreeSet<String> expected = new TreeSet<>();
    for (int i = 0; i < 60; i++) {
      String name = "p/" + (i % 7) + "/obj-" + i;
      expected.add(name);
      send("PUT", objectUrl("list-bucket", name), ("v" + i).getBytes(StandardCharsets.UTF_8));
    }
    send("PUT", objectUrl("list-bucket", "other"), new byte[] {1});
    for (int pageSize : new int[] {7, 17, 1000}) {
      List<String> names = listAll("list-bucket", "p/", pageSize).stream().map(ObjectEntry::name).toList();
      assertThat(names).as("page size " + pageSize).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void listObjects_responseIsMsgpackWithSessionUuidAndCachedFlags() throws Exception {
    createBucket("msgpack-bucket");
    send("PUT", objectUrl("msgpack-bucket", "a"), new byte[] {1, 2});
    HttpResponse<byte[]> r = send("GET", bucketUrl("msgpack-bucket"),
        json("{\"action\":\"list\",\"name\":\"\",\"value\":{\"props\":\"name,size,checksum,version\",\"flags\":\"0\"}}"),
        "Accept", "application/msgpack");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/msgpack");
    ListObjectsPage page = ListObjectsCodec.decode(r.body());
    assertThat(page.uuid()).isNotEmpty();
    assertThat(page.continuationToken()).isEmpty();
    ObjectEntry entry = page.entries().get(0);
    assertThat(entry.size()).isEqualTo(2);
    assertThat(entry.version()).isEqualTo("1");
    assertThat(entry.checksum()).hasSize(16);
    assertThat(entry.flags() & EntryFlags.IS_CACHED).isNotZero();
  }

  @Test
  void listObjects_noRecursion_returnsChildrenAndVirtualDirsOnce() throws Exception {
    createBucket("tree-bucket");
    for (String n : List.of("p/a.txt", "p/sub/one.txt", "p/sub/deep/three.txt", "p/sub2/x")) {
      send("PUT", objectUrl("tree-bucket", n), new byte[] {1});
    }
    HttpResponse<byte[]> r = send("GET", bucketUrl("tree-bucket"),
        json("{\"action\":\"list\",\"value\":{\"prefix\":\"p/\",\"flags\":\"2048\"}}"));
    List<ObjectEntry> entries = ListObjectsCodec.decode(r.body()).entries();
    assertThat(entries).extracting(ObjectEntry::name).containsExactly("p/a.txt", "p/sub/", "p/sub2/");
    assertThat(entries.get(1).isDir()).isTrue();
  }

  @Test
  void destroyBucket_removesItsObjects_andRecreatedBucketIsEmpty() throws Exception {
    createBucket("doomed-bucket");
    send("PUT", objectUrl("doomed-bucket", "x"), new byte[] {1});
    HttpResponse<byte[]> destroyed = send("DELETE", bucketUrl("doomed-bucket"), json("{\"action\":\"destroy-bck\"}"));
    assertThat(destroyed.statusCode()).isEqualTo(200);
    assertThat(send("HEAD", bucketUrl("doomed-bucket"), null).statusCode()).isEqualTo(404);
    HttpResponse<byte[]> again = send("DELETE", bucketUrl("doomed-bucket"), json("{\"action\":\"destroy-bck\"}"));
    assertThat(again.statusCode()).isEqualTo(404);
    createBucket("doomed-bucket");
    io.jais.testkit.Await.until("old objects gone", java.time.Duration.ofSeconds(10), () -> {
      try {
        return listAll("doomed-bucket", "", 0).isEmpty();
      } catch (Exception e) {
        return false;
      }
    });
  }

  @Test
  void directPut_toTargetWithoutRedirect_isRejected(LocalCluster cluster) throws Exception {
    createBucket("direct-bucket");
    String target = cluster.targets().get(0).url();
    HttpResponse<byte[]> r = send("PUT", target + "/v1/objects/direct-bucket/x?provider=ais", new byte[] {1});
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(text(r)).contains("redirected");
  }

  @Test
  void bucketOps_onNonPrimaryProxy_areForwardedToThePrimary(LocalCluster cluster) throws Exception {
    String other = cluster.proxies().get(1).url();
    HttpResponse<byte[]> r = send("POST", other + "/v1/buckets/via-other-proxy?provider=ais",
        json("{\"action\":\"create-bck\"}"));
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
    assertThat(send("HEAD", bucketUrl("via-other-proxy"), null).statusCode()).isEqualTo(200);
    HttpResponse<byte[]> put = send("PUT", other + "/v1/objects/via-other-proxy/o?provider=ais", new byte[] {4, 2});
    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(send("GET", objectUrl("via-other-proxy", "o"), null).body()).containsExactly(4, 2);
  }

  private List<ObjectEntry> listAll(String bucket, String prefix, int pageSize) throws Exception {
    List<ObjectEntry> all = new ArrayList<>();
    String uuid = "";
    String token = "";
    do {
      String msg = "{\"action\":\"list\",\"name\":\"\",\"value\":{\"prefix\":\"" + prefix + "\",\"pagesize\":" + pageSize
          + ",\"uuid\":\"" + uuid + "\",\"continuation_token\":\"" + token + "\",\"props\":\"name,size\",\"flags\":\"0\"}}";
      HttpResponse<byte[]> r = send("GET", bucketUrl(bucket), json(msg), "Accept", "application/msgpack");
      assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
      ListObjectsPage page = ListObjectsCodec.decode(r.body());
      assertThat(page.uuid()).isNotEmpty();
      uuid = page.uuid();
      token = page.continuationToken();
      all.addAll(page.entries());
    } while (!token.isEmpty());
    return all;
  }

  @Test
  void setConfig_actionAndQueryForms_changeDefaultsOfNewBucketsEverywhere(LocalCluster cluster) throws Exception {
    HttpResponse<byte[]> bad = send("PUT", endpoint + "/v1/cluster",
        json("{\"action\":\"set-config\",\"value\":{\"checksum.bogus\":\"x\"}}"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(text(bad)).contains("checksum.bogus");
    HttpResponse<byte[]> invalidValue = send("PUT", endpoint + "/v1/cluster/set-config?mirror.copies=0", null);
    assertThat(invalidValue.statusCode()).isEqualTo(400);

    HttpResponse<byte[]> ok = send("PUT", cluster.proxies().get(1).url() + "/v1/cluster",
        json("{\"action\":\"set-config\",\"value\":{\"checksum\":{\"type\":\"sha512\"}}}"));
    assertThat(ok.statusCode()).as(text(ok)).isEqualTo(200);
    long version = cluster.primary().state().config().version();
    for (var node : cluster.nodes()) {
      io.jais.testkit.Await.until("config v" + version + " on " + node.snode().id(), java.time.Duration.ofSeconds(10),
          () -> node.state().config().version() == version);
    }
    createBucket("sha512-bucket");
    send("PUT", objectUrl("sha512-bucket", "o"), new byte[] {1});
    assertThat(send("HEAD", objectUrl("sha512-bucket", "o"), null).headers().firstValue("Ais-Checksum-Type"))
        .hasValue("sha512");

    assertThat(send("PUT", endpoint + "/v1/cluster/set-config?checksum.type=xxhash2", null).statusCode()).isEqualTo(200);
    JsonNode config = WireJson.MAPPER.readTree(send("GET", endpoint + "/v1/cluster?what=cluster_config", null).body());
    assertThat(config.get("checksum").get("type").asText()).isEqualTo("xxhash2");
    assertThat(config.get("auth").get("enabled").asBoolean()).isFalse();
  }

  @Test
  void notYetImplementedFeatures_answer501NotSilentSuccess() throws Exception {
    createBucket("later-bucket");
    send("PUT", objectUrl("later-bucket", "shard.tar"), new byte[] {1, 2, 3});
    HttpResponse<byte[]> etl = send("GET", objectUrl("later-bucket", "shard.tar") + "&etl_name=resize", null);
    assertThat(etl.statusCode()).isEqualTo(501);
    assertThat(text(etl)).contains("etl_name");
    HttpResponse<byte[]> appendToShard = send("PUT", objectUrl("later-bucket", "shard.tar") + "&archpath=a.txt",
        new byte[] {4});
    assertThat(appendToShard.statusCode()).isEqualTo(501);
    HttpResponse<byte[]> etlBucket = send("POST", bucketUrl("later-bucket"), json("{\"action\":\"etl-bck\"}"));
    assertThat(etlBucket.statusCode()).isEqualTo(501);
    HttpResponse<byte[]> job = send("PUT", endpoint + "/v1/cluster",
        json("{\"action\":\"start\",\"value\":{\"Kind\":\"rechunk\",\"Bck\":{\"name\":\"later-bucket\",\"provider\":\"ais\"}}}"));
    assertThat(job.statusCode()).isEqualTo(501);
    HttpResponse<byte[]> bogus = send("POST", bucketUrl("later-bucket"), json("{\"action\":\"no-such-action\"}"));
    assertThat(bogus.statusCode()).isEqualTo(400);
  }

  @Test
  void malformedAndOversizedControlBodies_are4xxAndChangeNothing() throws Exception {
    HttpResponse<byte[]> malformed = send("POST", bucketUrl("malformed-bucket"), json("{\"action\":"));
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(text(malformed)).contains("\"status\":400");
    HttpResponse<byte[]> wrongType = send("POST", bucketUrl("malformed-bucket"), json("[1,2,3]"));
    assertThat(wrongType.statusCode()).isEqualTo(400);
    byte[] huge = new byte[2 << 20];
    java.util.Arrays.fill(huge, (byte) ' ');
    HttpResponse<byte[]> oversized = send("POST", bucketUrl("malformed-bucket"), huge);
    assertThat(oversized.statusCode()).isEqualTo(413);
    assertThat(send("HEAD", bucketUrl("malformed-bucket"), null).statusCode()).isEqualTo(404);
    createBucket("props-guard");
    HttpResponse<byte[]> badProps = send("PATCH", bucketUrl("props-guard"),
        json("{\"action\":\"set-bprops\",\"value\":{\"no_such_section\":1}}"));
    assertThat(badProps.statusCode()).isEqualTo(400);
    assertThat(text(badProps)).contains("no_such_section");
  }

  @Test
  void truncatedPut_leavesTheOldObjectAndNoPartial(LocalCluster cluster) throws Exception {
    createBucket("truncated-bucket");
    send("PUT", objectUrl("truncated-bucket", "t"), "old".getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> redirect = sendNoRedirect("PUT", objectUrl("truncated-bucket", "t"), new byte[0]);
    java.net.URI target = java.net.URI.create(redirect.headers().firstValue("Location").orElseThrow());
    try (java.net.Socket socket = new java.net.Socket(target.getHost(), target.getPort())) {
      socket.getOutputStream().write(("PUT " + target.getRawPath() + "?" + target.getRawQuery()
          + " HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" + "n".repeat(5000))
          .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
    }
    io.jais.testkit.Await.until("the truncated PUT is abandoned", java.time.Duration.ofSeconds(10),
        () -> workfiles(cluster).isEmpty());
    assertThat(send("GET", objectUrl("truncated-bucket", "t"), null).body())
        .isEqualTo("old".getBytes(StandardCharsets.UTF_8));
  }

  private static List<java.nio.file.Path> workfiles(LocalCluster cluster) {
    try (var files = java.nio.file.Files.walk(cluster.dir())) {
      return files.filter(p -> p.toString().contains("/%wk/") && java.nio.file.Files.isRegularFile(p)).toList();
    } catch (java.io.IOException e) {
      return List.of(java.nio.file.Path.of("unreadable"));
    }
  }

  @Test
  void corruptedObject_withWarmGetValidation_isNeverServed() throws Exception {
    createBucket("validated-bucket");
    assertThat(send("PATCH", bucketUrl("validated-bucket"),
        json("{\"action\":\"set-bprops\",\"value\":{\"checksum\":{\"validate_warm_get\":true}}}"))
        .statusCode()).isEqualTo(200);
    byte[] data = new byte[64 * 1024];
    new SplittableRandom(5).nextBytes(data);
    send("PUT", objectUrl("validated-bucket", "precious"), data);
    assertThat(send("GET", objectUrl("validated-bucket", "precious"), null).body()).isEqualTo(data);

    String location = send("HEAD", objectUrl("validated-bucket", "precious"), null).headers()
        .firstValue("Ais-Location").orElseThrow();
    java.nio.file.Path file = java.nio.file.Path.of(location.substring(location.indexOf("]:") + 2),
        "@ais", "validated-bucket", "%ob", "precious");
    try (var channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) ~data[100]}), 100); // flip bits, same size
    }
    HttpResponse<byte[]> corrupted = send("GET", objectUrl("validated-bucket", "precious"), null);
    // nothing to restore it from (no mirror, no EC): quarantined, a 4xx clients do not retry
    assertThat(corrupted.statusCode()).isEqualTo(410);
    assertThat(text(corrupted)).contains("ErrObjQuarantined").contains("checksum mismatch");
  }
}
