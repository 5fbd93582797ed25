package io.jais.it;

import static io.jais.it.RawHttp.send;
import static io.jais.it.RawHttp.sendNoRedirect;
import static io.jais.it.RawHttp.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jais.api.bucket.Bmd;
import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.NetInfo;
import io.jais.api.cluster.NodeRole;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.api.error.JaisException;
import io.jais.api.json.WireJson;
import io.jais.client.JaisClient;
import io.jais.node.Node;
import io.jais.node.cluster.ClusterSecret;
import io.jais.node.cluster.IntraAuth;
import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An attacker on the same network, without the cluster's secret, forges the requests nodes send
 * each other: metasync, join, keepalive, redirected writes, peer and fan-out requests. Each is
 * refused (401/403, or not served at all), and afterwards the cluster map, every node's bucket
 * metadata, the buckets and every object are as they were, and all readable.
 */
@JaisCluster(proxies = 2, targets = 3)
class ForgedRequestsIT {
  private static final Bucket BUCKET = Bucket.ais("guarded");

  private final LocalCluster cluster;
  private final JaisClient client;
  private final Map<String, byte[]> objects = new LinkedHashMap<>();
  private Smap smapBefore;
  private final Map<String, Bmd> bmdBefore = new LinkedHashMap<>();

  ForgedRequestsIT(LocalCluster cluster, JaisClient client) {
    this.cluster = cluster;
    this.client = client;
  }

  @BeforeEach
  void fillTheCluster() throws Exception {
    if (!client.buckets().exists(BUCKET)) {
      client.buckets().create(BUCKET);
    }
    for (int i = 0; i < 12; i++) {
      byte[] data = ("object " + i + " of the guarded bucket").getBytes(StandardCharsets.UTF_8);
      client.objects().put(BUCKET, "obj-" + i, data);
      objects.put("obj-" + i, data);
    }
    cluster.awaitStable(java.time.Duration.ofSeconds(30));
    smapBefore = cluster.primary().state().smap();
    for (Node node : cluster.nodes()) {
      bmdBefore.put(node.snode().id(), node.state().bmd());
    }
  }

  @AfterEach
  void nothingChanged_andEverythingIsReadable() throws Exception {
    assertThat(cluster.primary().state().smap()).isEqualTo(smapBefore);
    for (Node node : cluster.nodes()) {
      assertThat(node.state().smap().version()).as(node.snode().displayName()).isEqualTo(smapBefore.version());
      assertThat(node.state().bmd()).as(node.snode().displayName()).isEqualTo(bmdBefore.get(node.snode().id()));
    }
    assertThat(client.buckets().exists(BUCKET)).isTrue();
    for (Map.Entry<String, byte[]> object : objects.entrySet()) {
      assertThat(client.objects().get(BUCKET, object.getKey())).as(object.getKey()).isEqualTo(object.getValue());
    }
    assertThatThrownBy(() -> client.objects().head(BUCKET, "forged")).isInstanceOf(JaisException.class)
        .extracting(e -> ((JaisException) e).code().status()).isEqualTo(404);
  }

  /** The attack seen in the field: a BMD with a higher version and no buckets, pushed to every node. */
  @Test
  void metasync_withoutCredentials_orWithForgedOnes_isRefused() throws Exception {
    ObjectNode emptied = (ObjectNode) WireJson.MAPPER.readTree(WireJson.toBytes(cluster.primary().state().bmd()));
    emptied.put("version", Long.toString(cluster.primary().state().bmd().version() + 1));
    emptied.putObject("buckets");
    ObjectNode payload = WireJson.MAPPER.createObjectNode();
    payload.set("bmd", emptied);
    byte[] body = WireJson.MAPPER.writeValueAsBytes(payload);
    String primaryId = cluster.primary().snode().id();
    IntraAuth otherCluster = new IntraAuth(primaryId, ClusterSecret.ofKey(randomKey()), InstantSource.system(), null);
    for (Node node : cluster.nodes()) {
      String url = node.snode().controlUrl() + "/v1/metasync";
      assertStatus(send("PUT", url, body, "Content-Type", "application/json"), 401);
      assertStatus(send("PUT", url, body, "Content-Type", "application/json", IntraAuth.HEADER, "v1:" + primaryId
          + ":" + System.currentTimeMillis() + ":AAAA"), 403);
      assertStatus(send("PUT", url, body, "Content-Type", "application/json", IntraAuth.HEADER,
          otherCluster.header("PUT", "/v1/metasync")), 403);
      // the data port does not take metasync at all
      assertThat(send("PUT", node.url() + "/v1/metasync", body, "Content-Type", "application/json").statusCode())
          .isIn(401, 403, 404);
    }
  }

  /** A node of the cluster (it holds the secret) that is not the primary may not push metadata either. */
  @Test
  void metasync_fromAMemberThatIsNotThePrimary_isRefused() throws Exception {
    Node target = cluster.targets().get(0);
    IntraAuth asTarget = new IntraAuth(target.snode().id(), ClusterSecret.loadOrCreate(cluster.secretFile()),
        InstantSource.system(), null);
    ObjectNode emptied = (ObjectNode) WireJson.MAPPER.readTree(WireJson.toBytes(cluster.primary().state().bmd()));
    emptied.put("version", Long.toString(cluster.primary().state().bmd().version() + 1));
    emptied.putObject("buckets");
    ObjectNode payload = WireJson.MAPPER.createObjectNode();
    payload.set("bmd", emptied);
    for (Node node : List.of(cluster.targets().get(1), cluster.proxies().get(1))) {
      assertStatus(send("PUT", node.snode().controlUrl() + "/v1/metasync", WireJson.MAPPER.writeValueAsBytes(payload),
          "Content-Type", "application/json", IntraAuth.HEADER, asTarget.header("PUT", "/v1/metasync")), 403);
    }
  }

  @Test
  void joinAndKeepalive_withoutCredentials_orAsAnotherNode_areRefused() throws Exception {
    String control = cluster.primary().snode().controlUrl();
    Snode intruder = Snode.of("intruder", NodeRole.TARGET, NetInfo.of("http", "127.0.0.1", 9));
    byte[] join = WireJson.toBytes(intruder);
    assertStatus(send("POST", control + "/v1/cluster/join", join, "Content-Type", "application/json"), 401);
    IntraAuth otherCluster = new IntraAuth("intruder", ClusterSecret.ofKey(randomKey()), InstantSource.system(), null);
    assertStatus(send("POST", control + "/v1/cluster/join", join, "Content-Type", "application/json",
        IntraAuth.HEADER, otherCluster.header("POST", "/v1/cluster/join")), 403);
    // a member may join only as itself
    IntraAuth asTarget = new IntraAuth(cluster.targets().get(0).snode().id(),
        ClusterSecret.loadOrCreate(cluster.secretFile()), InstantSource.system(), null);
    assertStatus(send("POST", control + "/v1/cluster/join", join, "Content-Type", "application/json",
        IntraAuth.HEADER, asTarget.header("POST", "/v1/cluster/join")), 403);

    String someTarget = cluster.targets().get(1).snode().id();
    byte[] keepalive = ("{\"node_id\":\"" + someTarget + "\",\"smap_version\":0,\"bmd_version\":0,\"config_version\":0}")
        .getBytes(StandardCharsets.UTF_8);
    assertStatus(send("POST", control + "/v1/cluster/keepalive", keepalive, "Content-Type", "application/json"), 401);
    assertStatus(send("POST", control + "/v1/cluster/keepalive", keepalive, "Content-Type", "application/json",
        IntraAuth.HEADER, asTarget.header("POST", "/v1/cluster/keepalive")), 403);
    // and the public port does not serve them at all
    assertThat(send("POST", cluster.primary().url() + "/v1/cluster/join", join, "Content-Type", "application/json")
        .statusCode()).isIn(401, 403, 404);
  }

  @Test
  void writesStraightToATarget_withAForgedOrBorrowedRedirect_areRefused() throws Exception {
    Node target = cluster.targets().get(0);
    String proxyId = cluster.primary().snode().id();
    String markers = "?provider=ais&pid=" + proxyId + "&utm=" + Long.toString(System.currentTimeMillis() * 1_000_000L, 36);
    String forged = target.url() + "/v1/objects/" + BUCKET.name() + "/forged" + markers;
    assertStatus(send("PUT", forged, "evil".getBytes(StandardCharsets.UTF_8)), 403);
    assertStatus(send("PUT", target.url() + "/v1/objects/" + BUCKET.name() + "/forged?provider=ais",
        "evil".getBytes(StandardCharsets.UTF_8)), 400); // not redirected at all, as AIS answers
    String owner = ownerOf("obj-3").url();
    assertStatus(send("DELETE", owner + "/v1/objects/" + BUCKET.name() + "/obj-3" + markers, null), 403);
    assertStatus(send("PATCH", owner + "/v1/objects/" + BUCKET.name() + "/obj-3" + markers,
        "{\"action\":\"set-custom-props\",\"value\":{\"k\":\"v\"}}".getBytes(StandardCharsets.UTF_8)), 403);

    // a genuine signed redirect, for one object, does not carry over to another
    HttpResponse<byte[]> redirect = sendNoRedirect("PUT", cluster.endpoint() + "/v1/objects/" + BUCKET.name()
        + "/obj-5?provider=ais", new byte[0]);
    assertThat(redirect.statusCode()).isEqualTo(307);
    String signed = redirect.headers().firstValue("Location").orElseThrow();
    String sig = signed.substring(signed.lastIndexOf("&" + IntraAuth.QUERY + "="));
    URI location = URI.create(signed);
    String borrowed = location.getScheme() + "://" + location.getAuthority() + "/v1/objects/" + BUCKET.name()
        + "/forged" + markers + sig;
    assertStatus(send("PUT", borrowed, "evil".getBytes(StandardCharsets.UTF_8)), 403);
    assertStatus(send("DELETE", signed, null), 403); // signed for PUT, not DELETE
  }

  @Test
  void peerAndFanOutRequests_withoutCredentials_areRefused() throws Exception {
    Node target = ownerOf("obj-1");
    String bucketQuery = "/" + BUCKET.name() + "?provider=ais";
    assertStatus(send("POST", target.url() + "/v1/internal/list" + bucketQuery, "{}".getBytes(StandardCharsets.UTF_8),
        "Content-Type", "application/json"), 401);
    assertStatus(send("PUT", target.url() + "/v1/internal/jobs", "{\"action\":\"stop\",\"value\":{\"Kind\":\"lru\"}}"
        .getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json"), 401);
    assertStatus(send("GET", target.url() + "/v1/internal/jobs?what=qryxstats", "{}".getBytes(StandardCharsets.UTF_8),
        "Content-Type", "application/json"), 401);
    assertStatus(send("DELETE", target.url() + "/v1/objects/" + BUCKET.name() + "/obj-1?provider=ais&jais-local=true",
        null), 400);
    // S3 requests reach targets only through a proxy, reads included
    HttpResponse<byte[]> s3 = send("GET", target.url() + "/s3/" + BUCKET.name() + "/obj-1", null);
    assertThat(s3.statusCode()).as(text(s3)).isEqualTo(403);
    assertThat(text(s3)).contains("AccessDenied");
  }

  private Node ownerOf(String name) {
    Snode owner = cluster.primary().state().smap().owner(BUCKET, name);
    return cluster.targets().stream().filter(t -> t.snode().id().equals(owner.id())).findFirst().orElseThrow();
  }

  private static void assertStatus(HttpResponse<byte[]> response, int expected) {
    assertThat(response.statusCode()).as(response.request().method() + " " + response.uri() + ": " + text(response))
        .isEqualTo(expected);
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }
}
