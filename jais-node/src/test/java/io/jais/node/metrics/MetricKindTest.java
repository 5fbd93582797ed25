package io.jais.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricKindTest {
  @ParameterizedTest
  @CsvSource({
      "COUNTER, target, get.n, ais_target_get_count",
      "COUNTER, proxy, err.get.n, ais_proxy_err_get_count",
      "COUNTER, target, err.http.write.n, ais_target_err_http_write_count",
      "COUNTER, target, xact.start.n, ais_target_xact_start_count",
      "SIZE, target, get.size, ais_target_get_bytes",
      "SIZE, target, xact.size, ais_target_xact_bytes",
      "TOTAL, target, get.ns.total, ais_target_get_ns_total",
      "TOTAL, proxy, lst.ns.total, ais_proxy_lst_ns_total",
      "GAUGE, target, http.inflight, ais_target_http_inflight"})
  void prometheusName_followsAisRules(MetricKind kind, String role, String name, String expected) {
    assertThat(kind.prometheusName(role, name)).isEqualTo(expected);
  }

  @Test
  void prometheusName_nameWithoutItsKindSuffix_isRefused() {
    assertThatThrownBy(() -> MetricKind.COUNTER.prometheusName("target", "get.size"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".n");
    assertThatThrownBy(() -> MetricKind.SIZE.prometheusName("target", "get.n"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ops_carryAisNames() {
    assertThat(Op.GET.count()).isEqualTo("get.n");
    assertThat(Op.GET.errors()).isEqualTo("err.get.n");
    assertThat(Op.GET.nanos()).isEqualTo("get.ns.total");
    assertThat(Op.GET.size()).isEqualTo("get.size");
    assertThat(Op.PUT.size()).isEqualTo("put.size");
    assertThat(Op.DELETE.count()).isEqualTo("del.n");
    assertThat(Op.LIST.count()).isEqualTo("lst.n");
    assertThat(Op.LIST.latency()).isEqualTo("lst.ns");
    assertThat(Op.HEAD.size()).isNull();
    assertThat(Op.APPEND.count()).isEqualTo("append.n");
  }
}
