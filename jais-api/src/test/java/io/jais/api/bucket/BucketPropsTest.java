package io.jais.api.bucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jais.api.error.JaisException;
import io.jais.api.json.WireJson;
import org.junit.jupiter.api.Test;

class BucketPropsTest {
  @Test
  void defaults_serializeEverySectionWithAisTypes() throws Exception {
    JsonNode json = WireJson.MAPPER.readTree(WireJson.toString(BucketProps.defaults(Provider.AIS).withIdentity(7, 9)));
    assertThat(json.fieldNames()).toIterable().containsExactly("provider", "backend_bck", "write_policy", "checksum",
        "rate_limit", "ec", "chunks", "mirror", "lru", "access", "features", "bid", "created", "versioning", "Renamed");
    assertThat(json.get("access").asText()).isEqualTo("18446744073709551615");
    assertThat(json.get("bid").isTextual()).isTrue();
    assertThat(json.get("created").asText()).isEqualTo("9");
    assertThat(json.get("chunks").get("objsize_limit").asText()).isEqualTo("0B");
    assertThat(json.get("rate_limit").get("frontend").get("burst_size").asInt()).isEqualTo(375);
    assertThat(json.get("ec").get("objsize_limit").asLong()).isEqualTo(262144);
  }

  @Test
  void parse_numbersAsStringsOrNumbers_bothAccepted() {
    BucketProps a = WireJson.parse("{\"features\":\"4096\",\"access\":\"18446744073709551615\"}", BucketProps.class);
    BucketProps b = WireJson.parse("{\"features\":4096}", BucketProps.class);
    assertThat(a.features()).isEqualTo(4096).isEqualTo(b.features());
    assertThat(a.access()).isEqualTo(-1L);
  }

  @Test
  void parse_invalidSection_failsWithTheKeyName() {
    assertThatThrownBy(() -> WireJson.parse("{\"mirror\":{\"copies\":0}}", BucketProps.class))
        .isInstanceOf(JaisException.class).hasMessageContaining("mirror.copies");
  }
}
