package io.jais.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.Namespace;
import io.jais.api.bucket.Provider;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class JaisClientTest {
  @ParameterizedTest
  @CsvSource({
      "http://host:8080, http://host:8080/v1/health",
      "http://host:8080/, http://host:8080/v1/health",
      "http://host:8080/prefix, http://host:8080/v1/health",
      "http://host:8080/prefix/, http://host:8080/prefix/v1/health",
  })
  void resolve_endpointPath_followsPythonUrljoin(String endpoint, String expected) {
    try (Transport transport = new Transport(java.net.URI.create(endpoint), Duration.ofSeconds(1),
        Duration.ofSeconds(1), null, 1)) {
      assertThat(transport.resolve(Call.of("GET", "/v1/health"))).hasToString(expected);
    }
  }

  @Test
  void objectCall_namespacedRemoteBucket_buildsPathAndQuery() {
    Bucket bucket = new Bucket("b", Provider.AWS, new Namespace("u", "n"));

    assertThat(Call.object("GET", bucket, "a b/c?").pathAndQuery())
        .isEqualTo("/v1/objects/b/a%20b/c%3F?provider=aws&namespace=%40u%23n");
  }

  @Test
  void create_notHttpEndpoint_throwsIllegalArgument() {
    assertThatThrownBy(() -> JaisClient.create("localhost:8080")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected: http://host:port");
    assertThatThrownBy(() -> JaisClient.create("ftp://h:1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builder_nonPositiveTimeout_throwsIllegalArgument() {
    assertThatThrownBy(() -> JaisClient.builder("http://h:1").readTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void close_twice_isHarmless() {
    JaisClient client = JaisClient.create("http://127.0.0.1:1");
    client.close();
    client.close();
  }
}
