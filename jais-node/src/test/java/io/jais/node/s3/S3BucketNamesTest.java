package io.jais.node.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class S3BucketNamesTest {
  @Test
  void validNames_areAccepted() {
    for (String name : new String[] {"abc", "a-b", "1ab", "my.bucket.1", "a".repeat(63), "b2b-x.y-z",
        "192.168.5.4a", "xn-a", "a--b"}) {
      assertThatCode(() -> S3BucketNames.requireValidForCreate(name)).as(name).doesNotThrowAnyException();
    }
  }

  @Test
  void namesS3Refuses_areInvalidBucketName() {
    for (String name : new String[] {"a", "ab", "a".repeat(64), "Abc", "ab_c", "ab c", "-abc", "abc-", ".abc",
        "abc.", "a..b", "a.-b", "a-.b", "192.168.5.123", "xn--abc", "sthree-abc", "amzn-s3-demo-x",
        "abc-s3alias", "abc--ol-s3", "abc.mrap", "abc--x-s3", "abc--table-s3", "ab\u00e9"}) {
      assertThatThrownBy(() -> S3BucketNames.requireValidForCreate(name)).as(name)
          .isInstanceOfSatisfying(S3Exception.class,
              e -> assertThat(e.error()).isEqualTo(S3Error.INVALID_BUCKET_NAME));
    }
  }
}
