package io.jais.node.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link RawQuery} must read every query exactly as the full map ({@link Request#queryParams()}) does. */
class RawQueryTest {
  private static final List<String> NAMES =
      List.of("provider", "namespace", "pid", "utm", "a", "a b", "é", "x;y", "", "appendHandle");

  @ParameterizedTest
  @ValueSource(strings = {
      "/v1/objects/b/o",
      "/v1/objects/b/o?",
      "/v1/objects/b/o?provider=ais",
      "/v1/objects/b/o?provider=ais&namespace=%40uuid%23ns&pid=p1&utm=abc",
      "/v1/objects/b/o?provider=gcp&provider=ais",
      "/v1/objects/b/o?provider",
      "/v1/objects/b/o?provider=&namespace",
      "/v1/objects/b/o?&&provider=ais&&",
      "/v1/objects/b/o?=provider=ais",
      "/v1/objects/b/o?==a=b=c",
      "/v1/objects/b/o?prov%69der=ais",
      "/v1/objects/b/o?a+b=c+d&%C3%A9=%C3%A9",
      "/v1/objects/b/o?x;y=1;2&provider=ais",
      "/v1/objects/b/o?provider=ais#namespace=x",
      "/v1/objects/b/o?a=1#frag&provider=ais",
      "/v1/objects/b/o?appendHandle=t1%7Cabc",
  })
  void everyName_readsAsTheFullMap(String uri) {
    Map<String, List<String>> map = fullMap(uri);
    for (String name : NAMES) {
      List<String> values = map.get(name);
      assertThat(RawQuery.first(uri, name)).as("%s in %s", name, uri)
          .isEqualTo(values == null || values.isEmpty() ? null : values.get(0));
    }
    assertThat(RawQuery.namesWithin(uri, map.keySet())).as(uri).isTrue();
    assertThat(RawQuery.namesWithin(uri, Set.of("provider", "namespace")))
        .as(uri).isEqualTo(Set.of("provider", "namespace").containsAll(map.keySet()));
  }

  @Test
  void namesWithin_anOtherName_isFalse() {
    assertThat(RawQuery.namesWithin("/o?provider=ais&archpath=x", Set.of("provider"))).isFalse();
    assertThat(RawQuery.namesWithin("/o?provider=ais&arch%70ath=x", Set.of("provider"))).isFalse();
    assertThat(RawQuery.namesWithin("/o?provider=ais&x", Set.of("provider"))).isFalse();
    assertThat(RawQuery.namesWithin("/o", Set.of())).isTrue();
  }

  @Test
  void badEscape_inTheParameterAskedFor_failsAsTheFullMapDoes() {
    assertThatThrownBy(() -> fullMap("/o?provider=%zz")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RawQuery.first("/o?provider=%zz", "provider"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // as Request.queryParams() builds it
  private static Map<String, List<String>> fullMap(String uri) {
    int q = uri.indexOf('?');
    return q < 0 ? Map.of()
        : new QueryStringDecoder(uri.substring(q + 1), StandardCharsets.UTF_8, false, 1024, true).parameters();
  }
}
