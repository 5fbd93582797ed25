package io.jais.node.s3;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class S3MetadataTest {
  @Test
  void contentEncoding_keepsWhatWasSent_butAwsChunked() {
    assertThat(S3Metadata.stripAwsChunked("gzip")).isEqualTo("gzip");
    assertThat(S3Metadata.stripAwsChunked("deflate, gzip")).isEqualTo("deflate, gzip");
    assertThat(S3Metadata.stripAwsChunked("deflate,gzip")).isEqualTo("deflate,gzip");
    assertThat(S3Metadata.stripAwsChunked("gzip, aws-chunked")).isEqualTo("gzip");
    assertThat(S3Metadata.stripAwsChunked("aws-chunked,gzip")).isEqualTo("gzip");
    assertThat(S3Metadata.stripAwsChunked("aws-chunked")).isEmpty();
    assertThat(S3Metadata.stripAwsChunked("aws-chunked, aws-chunked")).isEmpty();
    assertThat(S3Metadata.stripAwsChunked("br, AWS-CHUNKED, gzip")).isEqualTo("br, gzip");
  }

  @Test
  void expires_anHttpDate_isImfFixdate_anythingElseStaysAsSent() {
    assertThat(S3Metadata.expires("Thu, 01 Jan 2037 00:00:00 GMT")).isEqualTo("Thu, 01 Jan 2037 00:00:00 GMT");
    assertThat(S3Metadata.expires("Thu, 1 Jan 2037 00:00:00 GMT")).isEqualTo("Thu, 01 Jan 2037 00:00:00 GMT");
    assertThat(S3Metadata.expires("Thu Jan  1 00:00:00 2037")).isEqualTo("Thu, 01 Jan 2037 00:00:00 GMT");
    assertThat(S3Metadata.expires("never")).isEqualTo("never");
    assertThat(S3Metadata.expires("0")).isEqualTo("0");
  }
}
