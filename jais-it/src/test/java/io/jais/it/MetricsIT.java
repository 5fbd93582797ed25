package io.jais.it;

import static io.jais.it.RawHttp.send;
import static io.jais.it.RawHttp.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jais.api.bucket.Bucket;
import io.jais.api.json.WireJson;
import io.jais.client.JaisClient;
import io.jais.node.Node;
import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import io.jais.testkit.PrometheusSamples;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@code /metrics} of every node while both front doors serve objects: each request counted once on
 * the proxy (its redirect or relay) and once on the target that served it, under the same AIS names
 * for the native API and S3, with exact deltas; errors by operation; capacity gauges per mountpath.
 */
@JaisCluster(proxies = 1, targets = 2)
class MetricsIT {
  private final LocalCluster cluster;

  MetricsIT(LocalCluster cluster) {
    this.cluster = cluster;
  }

  /** Every node's samples at one moment, and the difference of two such moments. */
  private record Scrape(Map<Node, PrometheusSamples> byNode) {
    double proxy(Scrape before, String name) {
      return sum(before, name, true);
    }

    double targets(Scrape before, String name) {
      return sum(before, name, false);
    }

    private double sum(Scrape before, String name, boolean proxies) {
      double delta = 0;
      for (Node node : byNode.keySet()) {
        if (node.snode().isTarget() != proxies) {
          delta += byNode.get(node).sum(name) - before.byNode.get(node).sum(name);
        }
      }
      return delta;
    }
  }

  private Scrape scrape() throws Exception {
    Map<Node, PrometheusSamples> all = new LinkedHashMap<>();
    for (Node node : cluster.nodes()) {
      all.put(node, PrometheusSamples.scrape(node.url()));
    }
    return new Scrape(all);
  }

  private String object(String bucket, String name) {
    return cluster.endpoint() + "/v1/objects/" + bucket + "/" + name + "?provider=ais";
  }

  private int call(String method, String url, byte[] body) throws Exception {
    return send(method, url, body).statusCode();
  }

  @Test
  void nativeApi_eachRequestCountedOnTheProxyAndOnItsTarget(JaisClient client) throws Exception {
    client.buckets().create(Bucket.ais("m-native"));
    byte[] small = new byte[1000];
    byte[] large = new byte[20_000];
    Scrape before = scrape();

    assertThat(call("PUT", object("m-native", "a"), small)).isEqualTo(200);
    assertThat(call("PUT", object("m-native", "b"), large)).isEqualTo(200);
    assertThat(call("GET", object("m-native", "a"), null)).isEqualTo(200);
    assertThat(call("GET", object("m-native", "a"), null)).isEqualTo(200);
    assertThat(call("GET", object("m-native", "b"), null)).isEqualTo(200);
    assertThat(call("HEAD", object("m-native", "a"), null)).isEqualTo(200);
    assertThat(call("GET", object("m-native", "nope"), null)).isEqualTo(404); // an answer, not an error
    assertThat(call("DELETE", object("m-native", "b"), null)).isEqualTo(200);
    assertThat(call("DELETE", object("m-native", "b"), null)).isEqualTo(404); // the target's error
    assertThat(call("PUT", object("no-such-bucket", "x"), small)).isEqualTo(404); // the proxy's error
    HttpResponse<byte[]> list = send("GET", cluster.endpoint() + "/v1/buckets/m-native?provider=ais",
        RawHttp.json("{\"action\":\"list\",\"value\":{\"props\":\"name\"}}"), "Content-Type", "application/json");
    assertThat(list.statusCode()).as(text(list)).isEqualTo(200);
    Scrape after = scrape();

    // the proxy: one redirect per object request, and the listing
    assertThat(after.proxy(before, "ais_proxy_put_count_total")).isEqualTo(2);
    assertThat(after.proxy(before, "ais_proxy_get_count_total")).isEqualTo(4);
    assertThat(after.proxy(before, "ais_proxy_head_count_total")).isEqualTo(1);
    assertThat(after.proxy(before, "ais_proxy_del_count_total")).isEqualTo(2);
    assertThat(after.proxy(before, "ais_proxy_lst_count_total")).isEqualTo(1);
    assertThat(after.proxy(before, "ais_proxy_err_put_count_total")).isEqualTo(1);
    assertThat(after.proxy(before, "ais_proxy_err_get_count_total")).isZero();
    assertThat(after.proxy(before, "ais_proxy_get_ns_total")).isPositive();
    assertThat(after.proxy(before, "ais_proxy_lst_ns_total")).isPositive();
    // the targets: what they served, with the object bytes
    assertThat(after.targets(before, "ais_target_put_count_total")).isEqualTo(2);
    assertThat(after.targets(before, "ais_target_put_bytes_total")).isEqualTo(21_000);
    assertThat(after.targets(before, "ais_target_get_count_total")).isEqualTo(3);
    assertThat(after.targets(before, "ais_target_get_bytes_total")).isEqualTo(22_000);
    assertThat(after.targets(before, "ais_target_head_count_total")).isEqualTo(1);
    assertThat(after.targets(before, "ais_target_del_count_total")).isEqualTo(1);
    assertThat(after.targets(before, "ais_target_err_del_count_total")).isEqualTo(1);
    assertThat(after.targets(before, "ais_target_err_get_count_total")).isZero();
    assertThat(after.targets(before, "ais_target_lst_count_total")).isZero(); // pages of the proxy's listing
    assertThat(after.targets(before, "ais_target_get_ns_total")).isPositive();
    assertThat(after.targets(before, "ais_target_put_ns_total")).isPositive();
  }

  @Test
  void appendAndFlush_countAsAppends() throws Exception {
    JaisClient client = JaisClient.create(cluster.endpoint());
    client.buckets().create(Bucket.ais("m-append"));
    Scrape before = scrape();

    String handle = client.objects().append(Bucket.ais("m-append"), "log", "", new byte[300]);
    handle = client.objects().append(Bucket.ais("m-append"), "log", handle, new byte[200]);
    client.objects().flush(Bucket.ais("m-append"), "log", handle);
    Scrape after = scrape();

    assertThat(after.proxy(before, "ais_proxy_append_count_total")).isEqualTo(3);
    assertThat(after.targets(before, "ais_target_append_count_total")).isEqualTo(3);
    assertThat(after.targets(before, "ais_target_put_count_total")).isZero();
  }

  @Test
  void s3Api_sameNamesAsTheNativeApi() throws Exception {
    S3Client s3 = S3Clients.of(cluster.endpoint());
    s3.createBucket(b -> b.bucket("m-s3"));
    Scrape before = scrape();

    s3.putObject(b -> b.bucket("m-s3").key("a"), RequestBody.fromBytes(new byte[3000]));
    s3.putObject(b -> b.bucket("m-s3").key("b"), RequestBody.fromBytes(new byte[5000]));
    s3.getObjectAsBytes(b -> b.bucket("m-s3").key("a"));
    s3.getObjectAsBytes(b -> b.bucket("m-s3").key("b"));
    s3.headObject(b -> b.bucket("m-s3").key("a"));
    assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket("m-s3").key("nope")))
        .isInstanceOf(NoSuchKeyException.class);
    s3.deleteObject(b -> b.bucket("m-s3").key("b"));
    s3.listObjectsV2(b -> b.bucket("m-s3"));
    assertThatThrownBy(() -> s3.putObject(b -> b.bucket("m-s3-missing").key("x"), RequestBody.fromBytes(new byte[1])))
        .isInstanceOf(S3Exception.class);
    Scrape after = scrape();

    assertThat(after.proxy(before, "ais_proxy_put_count_total")).isEqualTo(2);
    assertThat(after.proxy(before, "ais_proxy_get_count_total")).isEqualTo(2);
    assertThat(after.proxy(before, "ais_proxy_head_count_total")).isEqualTo(1);
    assertThat(after.proxy(before, "ais_proxy_del_count_total")).isEqualTo(1);
    assertThat(after.proxy(before, "ais_proxy_lst_count_total")).isEqualTo(1);
    assertThat(after.proxy(before, "ais_proxy_err_put_count_total")).isEqualTo(1);
    assertThat(after.targets(before, "ais_target_put_count_total")).isEqualTo(2);
    assertThat(after.targets(before, "ais_target_put_bytes_total")).isEqualTo(8000); // payload, not aws-chunked framing
    assertThat(after.targets(before, "ais_target_get_count_total")).isEqualTo(2);
    assertThat(after.targets(before, "ais_target_get_bytes_total")).isEqualTo(8000);
    assertThat(after.targets(before, "ais_target_head_count_total")).isEqualTo(1);
    assertThat(after.targets(before, "ais_target_del_count_total")).isEqualTo(1);
    assertThat(after.targets(before, "ais_target_err_get_count_total")).isZero();
  }

  @Test
  void targets_capacityPerMountpath_andTheDisksTheyAreOn() throws Exception {
    for (Node target : cluster.targets()) {
      PrometheusSamples samples = PrometheusSamples.scrape(target.url());
      Set<String> mountpaths = new TreeSet<>();
      target.config().mountpaths().forEach(dir -> mountpaths.add(Path.of(dir).toAbsolutePath().normalize().toString()));

      for (String gauge : List.of("ais_target_capacity_used", "ais_target_capacity_avail", "ais_target_capacity_total",
          "ais_target_capacity_pct_used", "ais_target_mountpath_disk")) {
        assertThat(samples.labelValues(gauge, "mountpath")).as(gauge).isEqualTo(mountpaths);
      }
      for (String mountpath : mountpaths) {
        assertThat(samples.value("ais_target_capacity_total", "mountpath", mountpath)).isPositive();
      }
      assertThat(samples.labelValues("ais_target_uptime", "node_id")).containsExactly(target.snode().id());
      assertThat(samples.sum("ais_target_uptime")).isPositive();
      assertThat(samples.sum("ais_target_http_inflight")).isGreaterThanOrEqualTo(1); // this scrape
    }
  }

  /**
   * Every metric the committed Grafana dashboard (docs/grafana/jais.json) queries is one the nodes
   * expose; job and disk metrics appear once a job reports or the first disk interval has passed.
   */
  @Test
  void grafanaDashboard_queriesOnlyMetricsTheNodesExpose() throws Exception {
    JsonNode dashboard = WireJson.MAPPER.readTree(Path.of("..", "docs", "grafana", "jais.json").toFile());
    Set<String> queried = new TreeSet<>();
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.path("targets")) {
        java.util.regex.Matcher names = java.util.regex.Pattern.compile("ais_[a-z_]+").matcher(target.get("expr").asText());
        while (names.find()) {
          queried.add(names.group());
        }
      }
    }
    Set<String> exposed = new TreeSet<>();
    for (Node node : cluster.nodes()) {
      PrometheusSamples samples = PrometheusSamples.scrape(node.url());
      queried.stream().filter(samples::has).forEach(exposed::add);
    }

    assertThat(queried).hasSizeGreaterThan(20);
    assertThat(queried).filteredOn(name -> !exposed.contains(name))
        .allMatch(name -> name.startsWith("ais_target_xact_") || name.startsWith("ais_target_disk_"));
    assertThat(dashboard.get("templating").get("list").get(0).get("type").asText()).isEqualTo("datasource");
  }

  @Test
  void nodeStatusTracker_carriesTheSameCounters() throws Exception {
    Node target = cluster.targets().getFirst();
    Bucket bucket = Bucket.ais("m-tracker");
    JaisClient client = JaisClient.create(cluster.endpoint());
    client.buckets().create(bucket);
    for (int i = 0; i < 20; i++) {
      client.objects().put(bucket, "o" + i, new byte[10]);
    }

    JsonNode tracker = WireJson.MAPPER.readTree(send("GET", cluster.endpoint() + "/v1/reverse/daemon?what=node_status",
        null, "Ais-Node-Id", target.snode().id()).body()).get("tracker");
    PrometheusSamples samples = PrometheusSamples.scrape(target.url());

    assertThat(tracker.get("put.n").get("v").asText()).isEqualTo(
        Long.toString((long) samples.sum("ais_target_put_count_total")));
    assertThat(tracker.get("put.size").get("v").asLong()).isEqualTo((long) samples.sum("ais_target_put_bytes_total"));
    assertThat(tracker.get("put.ns.total").get("v").asLong()).isPositive();
    assertThat(tracker.has("put.ns")).isTrue();
    assertThat(tracker.get("up.ns.time").get("v").asLong()).isPositive();
  }
}
