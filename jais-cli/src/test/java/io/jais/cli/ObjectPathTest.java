package io.jais.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.bucket.Provider;
import io.jais.api.error.JaisException;
import org.junit.jupiter.api.Test;

class ObjectPathTest {
  @Test
  void parse_schemeBucketObject() {
    ObjectPath path = ObjectPath.parse("ais://data/train/0001.jpg");

    assertThat(path.bucket().name()).isEqualTo("data");
    assertThat(path.object()).isEqualTo("train/0001.jpg");
    assertThat(path).hasToString("ais://data/train/0001.jpg");
  }

  @Test
  void parse_bareNameIsAisBucket() {
    assertThat(ObjectPath.parse("data").bucket().provider()).isEqualTo(Provider.AIS);
    assertThat(ObjectPath.parse("data").hasObject()).isFalse();
  }

  @Test
  void parse_s3AndNamespace() {
    assertThat(ObjectPath.parse("s3://b/o").bucket().provider()).isEqualTo(Provider.AWS);
    ObjectPath namespaced = ObjectPath.parse("ais://@uuid#ns/b/o");
    assertThat(namespaced.bucket().namespace().uuid()).isEqualTo("uuid");
    assertThat(namespaced.bucket().name()).isEqualTo("b");
    assertThat(namespaced.object()).isEqualTo("o");
  }

  @Test
  void parse_noBucket_fails() {
    assertThatThrownBy(() -> ObjectPath.parse("ais://")).isInstanceOf(JaisException.class).hasMessageContaining("names no bucket");
  }
}
