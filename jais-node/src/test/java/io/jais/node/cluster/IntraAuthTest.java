package io.jais.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IntraAuthTest {
  private static final ClusterSecret SECRET = ClusterSecret.ofKey("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
  private static final ClusterSecret OTHER = ClusterSecret.ofKey("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));

  private final AtomicLong now = new AtomicLong(1_800_000_000_000L);
  private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());

  private IntraAuth node(String id, ClusterSecret secret) {
    return new IntraAuth(id, secret, clock, null);
  }

  @Test
  void header_verifiesAsItsSender_forItsMethodAndTargetOnly() {
    IntraAuth sender = node("t1", SECRET);
    IntraAuth receiver = node("p1", SECRET);
    String header = sender.header("PUT", "/v1/metasync?x=1");

    assertThat(receiver.verify("PUT", "/v1/metasync?x=1", header)).isEqualTo("t1");
    for (String[] other : new String[][] {{"POST", "/v1/metasync?x=1"}, {"PUT", "/v1/metasync?x=2"},
        {"PUT", "/v1/metasync"}, {"PUT", "/v1/cluster/join?x=1"}}) {
      assertThatThrownBy(() -> receiver.verify(other[0], other[1], header)).as(String.join(" ", other))
          .isInstanceOf(JaisException.class).extracting(e -> ((JaisException) e).code()).isEqualTo(ErrorCode.FORBIDDEN);
    }
  }

  @Test
  void missingHeader_isUnauthorized_andForgedOnesForbidden() {
    IntraAuth receiver = node("p1", SECRET);
    assertThat(code(() -> receiver.verify("GET", "/v1/internal/list/b", null))).isEqualTo(ErrorCode.UNAUTHORIZED);
    assertThat(code(() -> receiver.verify("GET", "/v1/internal/list/b", ""))).isEqualTo(ErrorCode.UNAUTHORIZED);
    String good = node("t1", SECRET).header("GET", "/v1/internal/list/b");
    List<String> forged = new ArrayList<>(List.of("x", "v1", "v1:", "v1::", "v1:t1:", "v1:t1:notatime:abc",
        "v2" + good.substring(2), good + "A", good.replace(":t1:", ":t2:"),
        node("t1", OTHER).header("GET", "/v1/internal/list/b")));
    for (String header : forged) {
      assertThat(code(() -> receiver.verify("GET", "/v1/internal/list/b", header))).as(header).isEqualTo(ErrorCode.FORBIDDEN);
    }
  }

  @Test
  void header_isAcceptedWithinTheValidityEitherWay_only() {
    IntraAuth sender = node("t1", SECRET);
    String header = sender.header("GET", "/v1/health");
    IntraAuth receiver = node("p1", SECRET);
    long validity = IntraAuth.VALIDITY.toMillis();
    long sent = now.get();
    now.set(sent + validity);
    assertThat(receiver.verify("GET", "/v1/health", header)).isEqualTo("t1");
    now.set(sent - validity);
    assertThat(receiver.verify("GET", "/v1/health", header)).isEqualTo("t1");
    now.set(sent + validity + 1);
    assertThat(code(() -> receiver.verify("GET", "/v1/health", header))).isEqualTo(ErrorCode.FORBIDDEN);
    now.set(sent - validity - 1);
    assertThat(code(() -> receiver.verify("GET", "/v1/health", header))).isEqualTo(ErrorCode.FORBIDDEN);
  }

  @Test
  void verifiedRequests_areSignsOfLife() {
    long[] nanos = {1000};
    Liveness liveness = new Liveness(null, () -> nanos[0]);
    IntraAuth receiver = new IntraAuth("p1", SECRET, clock, liveness);
    receiver.verify("POST", "/v1/cluster/keepalive", node("t7", SECRET).header("POST", "/v1/cluster/keepalive"));
    assertThat(code(() -> receiver.verify("POST", "/v1/cluster/keepalive", node("t8", OTHER).header("POST",
        "/v1/cluster/keepalive")))).isEqualTo(ErrorCode.FORBIDDEN);
    nanos[0] = 5000;
    assertThat(liveness.silenceNanos("t7", -1)).isEqualTo(4000);
    assertThat(liveness.silenceNanos("t8", -1)).as("never heard: a forged request is no sign of life").isEqualTo(-1);
  }

  @Test
  void signedRedirect_verifiesForItsMethodAndUrl_untilItExpires() {
    IntraAuth proxy = node("p1", SECRET);
    IntraAuth target = node("t1", SECRET);
    String url = proxy.signRedirect("PUT", "http://10.0.0.2:9090/v1/objects/b/a%20key?provider=ais&pid=p1&utm=z");
    String sent = url.substring("http://10.0.0.2:9090".length());

    assertThat(target.verifiesRedirect("PUT", sent)).isTrue();
    assertThat(target.verifiesRedirect("DELETE", sent)).isFalse();
    assertThat(target.verifiesRedirect("PUT", sent.replace("a%20key", "other"))).isFalse();
    assertThat(target.verifiesRedirect("PUT", sent + "&archpath=x")).isFalse();
    assertThat(target.verifiesRedirect("PUT", "/v1/objects/b/a%20key?provider=ais&pid=p1&utm=z")).isFalse();
    assertThat(node("t1", OTHER).verifiesRedirect("PUT", sent)).isFalse();
    for (String bad : new String[] {"", ".", "x.y", "123", "12."}) {
      assertThat(target.verifiesRedirect("PUT", "/v1/objects/b/k?pid=p1&jais-sig=" + bad)).as(bad).isFalse();
    }
    now.addAndGet(IntraAuth.VALIDITY.toMillis() + 1);
    assertThat(target.verifiesRedirect("PUT", sent)).as("expired").isFalse();
  }

  @Test
  void signedRedirect_withAnExpiryFarAhead_isRefusedEvenWithAValidMac() {
    IntraAuth proxy = node("p1", SECRET);
    now.addAndGet(IntraAuth.VALIDITY.toMillis() * 10); // a proxy whose clock runs far ahead
    String url = proxy.signRedirect("DELETE", "http://h:1/v1/objects/b/k?pid=p1&utm=z");
    now.addAndGet(-IntraAuth.VALIDITY.toMillis() * 10);
    assertThat(node("t1", SECRET).verifiesRedirect("DELETE", url.substring("http://h:1".length()))).isFalse();
  }

  private static ErrorCode code(Runnable call) {
    try {
      call.run();
    } catch (JaisException e) {
      return e.code();
    }
    throw new AssertionError("expected a JaisException");
  }
}
