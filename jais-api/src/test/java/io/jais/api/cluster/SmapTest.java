package io.jais.api.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jais.api.json.WireJson;
import org.junit.jupiter.api.Test;

class SmapTest {
  private static Snode node(String id, NodeRole role, int port) {
    return Snode.of(id, role, NetInfo.of("http", "127.0.0.1", port));
  }

  @Test
  void json_hasAisShape_versionAsStringDigestAsUnsignedNumber() throws Exception {
    Smap smap = Smap.empty().withPrimary(node("pKWQp8080", NodeRole.PROXY, 8080), "2026-01-01 00:00:00")
        .withNode(node("tAbcd8081", NodeRole.TARGET, 8081)).withVersion("uuid1", 17);
    String text = WireJson.toString(smap);
    JsonNode json = WireJson.MAPPER.readTree(text);
    assertThat(json.get("version").asText()).isEqualTo("17");
    assertThat(json.get("version").isTextual()).isTrue();
    assertThat(text).contains("\"id_digest\":17089909595323875062");
    assertThat(json.get("tmap").get("tAbcd8081").get("public_net").get("direct_url").asText())
        .isEqualTo("http://127.0.0.1:8081");
    assertThat(json.get("proxy_si").get("daemon_type").asText()).isEqualTo("proxy");
    assertThat(WireJson.parse(text, Smap.class)).isEqualTo(smap);
  }

  @Test
  void activeTargets_skipMaintenanceAndDecommissioning() {
    Smap smap = Smap.empty()
        .withNode(node("t1", NodeRole.TARGET, 1))
        .withNode(node("t2", NodeRole.TARGET, 2).withFlags(Snode.MAINTENANCE))
        .withNode(node("t3", NodeRole.TARGET, 3).withFlags(Snode.DECOMMISSIONING));
    assertThat(smap.activeTargets()).extracting(Snode::id).containsExactly("t1");
  }

  @Test
  void nextPrimary_isTheElectableProxyWithTheHighestDigest_unsigned_skippingTheGoneOne() {
    Snode a = node("pKWQp8080", NodeRole.PROXY, 8080); // id_digest 17089909595323875062: above 2^63
    Snode b = node("pB", NodeRole.PROXY, 2);
    Snode c = node("pC", NodeRole.PROXY, 3);
    Smap smap = Smap.empty().withPrimary(b, "").withNode(a).withNode(c).withNode(node("t1", NodeRole.TARGET, 1));
    Snode highest = java.util.stream.Stream.of(a, b, c)
        .max((x, y) -> Long.compareUnsigned(x.idDigest(), y.idDigest())).orElseThrow();
    assertThat(a.idDigest()).isNegative(); // compared unsigned, it is large, not small
    assertThat(smap.nextPrimary("none").id()).isEqualTo(highest.id());
    assertThat(smap.nextPrimary(highest.id()).id()).isNotEqualTo(highest.id());
    // non-electable and maintenance proxies are skipped; targets never count
    Smap flagged = smap.withFlags(highest.id(), Snode.NON_ELECTABLE);
    assertThat(flagged.nextPrimary("none").id()).isNotEqualTo(highest.id());
    Smap none = Smap.empty().withNode(a.withFlags(Snode.MAINTENANCE)).withNode(node("t1", NodeRole.TARGET, 1));
    assertThat(none.nextPrimary("none")).isNull();
  }

  @Test
  void withFlags_changesOnlyThatNode_andIsTheSameMapWhenUnchanged() {
    Smap smap = Smap.empty().withNode(node("t1", NodeRole.TARGET, 1)).withNode(node("t2", NodeRole.TARGET, 2));
    Smap flagged = smap.withFlags("t1", Snode.MAINTENANCE);
    assertThat(flagged.node("t1").inMaintenance()).isTrue();
    assertThat(flagged.node("t2").flags()).isZero();
    assertThat(flagged.withFlags("t1", Snode.MAINTENANCE)).isSameAs(flagged);
    assertThat(smap.withFlags("nosuch", Snode.MAINTENANCE)).isSameAs(smap);
  }

  @Test
  void withoutNode_removesOnlyThatNode() {
    Smap smap = Smap.empty().withNode(node("t1", NodeRole.TARGET, 1)).withNode(node("t2", NodeRole.TARGET, 2));
    assertThat(smap.withoutNode("t1").targets()).containsOnlyKeys("t2");
    assertThat(smap.targets()).containsOnlyKeys("t1", "t2");
  }
}
