package io.jais.node.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class IntraTokenTest {
  private final IntraToken tokens = new IntraToken(Map.of("AKIA", "secret"));

  @Test
  void headerToken_verifiesForItsMethodAndUriOnly() {
    String token = tokens.token("PUT", "/s3/b/k?pid=p1&utm=x");
    assertThat(tokens.verifies("PUT", "/s3/b/k?pid=p1&utm=x", token)).isTrue();
    assertThat(tokens.verifies("DELETE", "/s3/b/k?pid=p1&utm=x", token)).isFalse();
    assertThat(tokens.verifies("PUT", "/s3/b/other?pid=p1&utm=x", token)).isFalse();
    assertThat(tokens.verifies("PUT", "/s3/b/k?pid=p1&utm=x&uploadId=u", token)).isFalse();
  }

  @Test
  void forgedExpiredOrMalformedTokens_doNotVerify() {
    String token = tokens.token("GET", "/s3/b/k");
    String mac = token.substring(token.indexOf('.') + 1);
    long farFuture = System.currentTimeMillis() + 3_600_000;
    assertThat(tokens.verifies("GET", "/s3/b/k", farFuture + "." + mac)).isFalse(); // expiry is covered
    assertThat(tokens.verifies("GET", "/s3/b/k", (System.currentTimeMillis() - 1) + "." + mac)).isFalse();
    for (String bad : new String[] {"", ".", "x.y", "123", "12.", token + "0"}) {
      assertThat(tokens.verifies("GET", "/s3/b/k", bad)).as(bad).isFalse();
    }
    IntraToken otherCluster = new IntraToken(Map.of("AKIA", "another secret"));
    assertThat(otherCluster.verifies("GET", "/s3/b/k", token)).isFalse();
  }

  @Test
  void signedUrl_carriesTheTokenAsItsLastQueryParameter() {
    String url = tokens.signUrl("GET", "http://10.0.0.2:9090/s3/b/a%20key?pid=p1&utm=z");
    String sent = url.substring("http://10.0.0.2:9090".length());
    assertThat(tokens.verifies("GET", sent, null)).isTrue();
    assertThat(tokens.verifies("PUT", sent, null)).isFalse();
    assertThat(tokens.verifies("GET", sent.replace("a%20key", "b"), null)).isFalse();
    assertThat(tokens.verifies("GET", sent + "&partNumber=1", null)).isFalse();
    assertThat(tokens.verifies("GET", "/s3/b/a%20key?pid=p1&utm=z", null)).isFalse();
  }

  @Test
  void withoutKeys_nothingVerifies() {
    IntraToken inactive = new IntraToken(Map.of());
    assertThat(inactive.active()).isFalse();
    assertThat(inactive.verifies("GET", "/s3/b/k", "1.abc")).isFalse();
  }
}
