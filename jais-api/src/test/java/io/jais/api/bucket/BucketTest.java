package io.jais.api.bucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.json.WireJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BucketTest {
  @Test
  void uri_globalAndNamespaced_matchAisDisplayForm() {
    assertThat(Bucket.ais("b").uri()).isEqualTo("ais://b");
    assertThat(new Bucket("b", Provider.AWS, Namespace.GLOBAL).uri()).isEqualTo("s3://b");
    assertThat(new Bucket("b", Provider.AIS, new Namespace("u1", "ns")).uri()).isEqualTo("ais://@u1#ns/b");
  }

  @Test
  void uname_isTheHrwKeyPrefix() {
    assertThat(Bucket.ais("imagenet").uname("train/0001.jpg")).isEqualTo("ais/@#/imagenet/train/0001.jpg");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "*", " ", "bucket and name", "$bad", "~bad", ".hidden", "a..b", "a/b"})
  void validate_invalidNames_throwInvalidName(String name) {
    assertThatThrownBy(() -> Bucket.ais(name).validate())
        .isInstanceOfSatisfying(JaisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_NAME));
  }

  @Test
  void validate_sixtyFiveBytes_isTooLong() {
    assertThatThrownBy(() -> Bucket.ais("x".repeat(65)).validate()).hasMessageContaining("too long");
    assertThat(Bucket.ais("x".repeat(64)).validate().name()).hasSize(64);
  }

  @Test
  void json_roundTrip_keepsWireShape() throws Exception {
    String json = WireJson.toString(Bucket.ais("abc"));
    assertThat(json).isEqualTo("{\"name\":\"abc\",\"provider\":\"ais\",\"namespace\":{\"uuid\":\"\",\"name\":\"\"}}");
    assertThat(WireJson.parse("{\"name\":\"abc\",\"provider\":\"s3\",\"namespace\":null}", Bucket.class))
        .isEqualTo(new Bucket("abc", Provider.AWS, Namespace.GLOBAL));
  }

  @Test
  void objectUname_parse_splitsBucketAndObject() {
    ObjectUname parsed = ObjectUname.parse("ais/@#/dst-bck/new/name");
    assertThat(parsed.bucket()).isEqualTo(Bucket.ais("dst-bck"));
    assertThat(parsed.object()).isEqualTo("new/name");
    assertThatThrownBy(() -> ObjectUname.parse("garbage")).isInstanceOf(JaisException.class);
  }
}
