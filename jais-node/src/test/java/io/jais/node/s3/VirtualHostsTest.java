package io.jais.node.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualHostsTest {
  private final VirtualHosts hosts = new VirtualHosts(S3Options.parseDomains(S3Options.DEFAULT_DOMAINS));

  @Test
  void bucketInTheHost_becomesThePathStyleRoute() {
    assertThat(hosts.rewrite("photos.s3.localhost:8080", "/a/b.jpg")).isEqualTo("/s3/photos/a/b.jpg");
    assertThat(hosts.rewrite("photos.s3.localhost:8080", "/")).isEqualTo("/s3/photos");
    assertThat(hosts.rewrite("photos.s3.localhost", "/?list-type=2&prefix=a")).isEqualTo("/s3/photos?list-type=2&prefix=a");
    assertThat(hosts.rewrite("photos.s3.localhost", "/k?uploadId=1")).isEqualTo("/s3/photos/k?uploadId=1");
    assertThat(hosts.rewrite("Photos.LOCALHOST:80", "/k")).isEqualTo("/s3/photos/k");
  }

  @Test
  void theWholePath_isTheKey_evenWhenItStartsWithS3() {
    assertThat(hosts.rewrite("b.localhost:8080", "/s3/k")).isEqualTo("/s3/b/s3/k");
    assertThat(hosts.rewrite("b.localhost:8080", "/s3")).isEqualTo("/s3/b/s3");
    assertThat(hosts.rewrite("b.localhost:8080", "/a%20b/c?x=1")).isEqualTo("/s3/b/a%20b/c?x=1");
  }

  @Test
  void longestDomainWins_andDottedBucketNamesWork() {
    assertThat(hosts.rewrite("my.bucket.s3.localhost", "/k")).isEqualTo("/s3/my.bucket/k");
    assertThat(new VirtualHosts(List.of("localhost", "s3.localhost")).rewrite("b.s3.localhost", "/k"))
        .isEqualTo("/s3/b/k");
  }

  @Test
  void bareDomainRoot_isListBuckets_andOtherPathsAreLeftAlone() {
    assertThat(hosts.rewrite("s3.localhost:8080", "/")).isEqualTo("/s3");
    assertThat(hosts.rewrite("localhost:8080", "/v1/buckets")).isNull();
    assertThat(hosts.rewrite("localhost:8080", "/s3/b/k")).isNull();
  }

  @Test
  void ipAddresses_otherDomainsAndMissingHosts_areNeverVirtualHosts() {
    VirtualHosts numeric = new VirtualHosts(List.of("0.1", "localhost"));
    assertThat(numeric.rewrite("127.0.0.1:8080", "/b/k")).isNull();
    assertThat(hosts.rewrite("[::1]:8080", "/b/k")).isNull();
    assertThat(hosts.rewrite("example.com", "/b/k")).isNull();
    assertThat(hosts.rewrite("notlocalhost", "/b/k")).isNull();
    assertThat(hosts.rewrite(null, "/b/k")).isNull();
    assertThat(new VirtualHosts(List.of()).rewrite("b.localhost", "/k")).isNull();
  }

  @Test
  void domainSetting_isParsedAndValidated() {
    assertThat(S3Options.parseDomains(" S3.Example.com , .localhost., ")).containsExactly("s3.example.com", "localhost");
    assertThat(S3Options.parseDomains("")).isEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> S3Options.parseDomains("bad_domain!"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
