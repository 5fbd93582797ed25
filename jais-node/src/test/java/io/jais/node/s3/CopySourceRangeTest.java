package io.jais.node.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.node.storage.ByteRange;
import org.junit.jupiter.api.Test;

class CopySourceRangeTest {
  @Test
  void bytesFirstLast_isExactlyThoseBytes() {
    assertThat(CopySourceRange.parse("bytes=0-0")).isEqualTo(new ByteRange(0, 1));
    assertThat(CopySourceRange.parse("bytes=5-9")).isEqualTo(new ByteRange(5, 5));
    assertThat(CopySourceRange.within("bytes=0-4", 5)).isEqualTo(new ByteRange(0, 5));
  }

  @Test
  void anyOtherForm_isInvalidArgument() {
    // the forms ceph/s3-tests sends (test_multipart_copy_improper_range) and a few more
    for (String bad : new String[] {"0-2", "bytes=0", "bytes=hello-world", "bytes=0-bar", "bytes=hello-",
        "bytes=0-2,3-5", "bytes=2-", "bytes=-2", "bytes=3-2", "bytes= 0-2", "BYTES=0-2", "bytes=0-2 ", "",
        "bytes=0-99999999999999999999"}) {
      assertThatThrownBy(() -> CopySourceRange.parse(bad)).as(bad).isInstanceOfSatisfying(S3Exception.class,
          e -> assertThat(e.error()).isEqualTo(S3Error.INVALID_ARGUMENT));
    }
  }

  @Test
  void aRangePastTheSource_isInvalidArgumentWithTheSize() {
    for (String outside : new String[] {"bytes=0-5", "bytes=0-21", "bytes=5-5", "bytes=7-9"}) {
      assertThatThrownBy(() -> CopySourceRange.within(outside, 5)).as(outside)
          .isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.error()).isEqualTo(S3Error.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains("source object of size: 5");
          });
    }
    assertThatThrownBy(() -> CopySourceRange.within("bytes=0-0", 0)).isInstanceOf(S3Exception.class);
  }
}
