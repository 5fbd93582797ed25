package io.jais.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedirectTest {
  private static final Bucket BUCKET = Bucket.ais("redir");

  private FakeAis fake;
  private JaisClient client;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeAis();
    fake.addBucket(BUCKET);
    client = JaisClient.builder(fake.proxyUrl()).token("secret").build();
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Asserts that the proxy redirected one call and the target got the same method and query. */
  private void assertRedirected(String method) {
    FakeAis.Seen atProxy = fake.seenBy("proxy").getLast();
    FakeAis.Seen atTarget = fake.seenBy("target").getLast();
    assertThat(atProxy.method()).isEqualTo(method);
    assertThat(atTarget.method()).isEqualTo(method);
    assertThat(atTarget.rawPath()).isEqualTo(atProxy.rawPath());
    assertThat(atTarget.query()).containsEntry("provider", "ais").containsEntry("pid", "pFake");
  }

  @Test
  void put_bytesRedirected307_targetGetsSameBodyAndHeaders() {
    client.objects().put(BUCKET, "o", bytes("payload"), PutOptions.NONE.withCustom(Map.of("k", "v")));

    assertRedirected("PUT");
    FakeAis.Seen atTarget = fake.seenBy("target").getLast();
    assertThat(atTarget.body()).isEqualTo(bytes("payload"));
    assertThat(atTarget.header("Ais-Custom-Md")).isEqualTo("k=v");
    assertThat(atTarget.header("Authorization")).isEqualTo("Bearer secret");
  }

  @Test
  void get_redirected301_readsFromTarget() {
    fake.addObject(BUCKET, "o", bytes("x"));

    assertThat(client.objects().get(BUCKET, "o")).isEqualTo(bytes("x"));

    assertRedirected("GET");
  }

  @Test
  void head_redirected307_readsTargetHeaders() {
    fake.addObject(BUCKET, "o", bytes("xyz"));

    assertThat(client.objects().head(BUCKET, "o").size()).isEqualTo(3);

    assertRedirected("HEAD");
  }

  @Test
  void delete_redirected307_deletesOnTarget() {
    fake.addObject(BUCKET, "o", bytes("x"));

    client.objects().delete(BUCKET, "o");

    assertRedirected("DELETE");
  }

  @Test
  void patch_redirected307_targetGetsJsonBodyAgain() {
    fake.addObject(BUCKET, "o", bytes("x"));

    client.objects().setCustom(BUCKET, "o", Map.of("a", "b"), false);

    assertRedirected("PATCH");
    assertThat(new String(fake.seenBy("target").getLast().body(), StandardCharsets.UTF_8)).contains("\"a\":\"b\"");
  }

  @Test
  void put_fileRedirected_fileSentAgainToTarget(@TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("f"), bytes("from file"));

    client.objects().put(BUCKET, "o", file);

    assertRedirected("PUT");
    assertThat(fake.seenBy("target").getLast().body()).isEqualTo(bytes("from file"));
  }

  @Test
  void put_streamViaProxyRedirectingBeforeContinue_bodyGoesToTargetOnly() throws Exception {
    try (HeaderOnlyRedirector proxy = new HeaderOnlyRedirector(fake.targetUrl());
        JaisClient viaRedirector = JaisClient.create(proxy.url())) {
      InputStream stream = new ByteArrayInputStream(bytes("streamed body"));

      viaRedirector.objects().put(BUCKET, "s", stream, 13);

      assertThat(proxy.requestHeads.getFirst()).startsWith("PUT /v1/objects/redir/s?provider=ais ")
          .containsIgnoringCase("expect: 100-continue");
      assertThat(fake.seenBy("target").getLast().body()).isEqualTo(bytes("streamed body"));
    }
  }

  @Test
  void put_fileViaProxyRedirectingBeforeContinue_fileSentToTargetOnly(@TempDir Path dir) throws Exception {
    byte[] data = new byte[300_000];
    java.util.Arrays.fill(data, (byte) 3);
    Path file = Files.write(dir.resolve("big"), data);
    try (HeaderOnlyRedirector proxy = new HeaderOnlyRedirector(fake.targetUrl());
        JaisClient viaRedirector = JaisClient.create(proxy.url())) {
      viaRedirector.objects().put(BUCKET, "big", file);

      assertThat(proxy.requestHeads.getFirst()).containsIgnoringCase("expect: 100-continue");
      assertThat(fake.objects.get(BUCKET.uname("big")).data()).isEqualTo(data);
    }
  }

  @Test
  void put_chunkedStreamViaRedirector_storesAllBytes() throws Exception {
    try (HeaderOnlyRedirector proxy = new HeaderOnlyRedirector(fake.targetUrl());
        JaisClient viaRedirector = JaisClient.create(proxy.url())) {
      byte[] data = new byte[200_000];
      java.util.Arrays.fill(data, (byte) 7);

      var attrs = viaRedirector.objects().put(BUCKET, "chunked", new ByteArrayInputStream(data), -1);

      assertThat(attrs.size()).isEqualTo(data.length);
      assertThat(fake.objects.get(BUCKET.uname("chunked")).data()).isEqualTo(data);
    }
  }

  @Test
  void put_streamViaProxyThatAnswers100First_failsWithExplanation() {
    // the JDK HttpServer proxy answers 100-continue before its handler redirects
    InputStream stream = new ByteArrayInputStream(bytes("once"));

    assertThatThrownBy(() -> client.objects().put(BUCKET, "s", stream, 4))
        .isInstanceOfSatisfying(JaisException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
          assertThat(e.getMessage()).contains("can be sent once only").contains(fake.targetUrl());
        });
  }

  @Test
  void get_redirectToOtherHost_dropsAuthorization() throws Exception {
    fake.addObject(BUCKET, "o", bytes("x"));
    String viaLocalhost = fake.proxyUrl().replace("127.0.0.1", "localhost");
    try (JaisClient other = JaisClient.builder(viaLocalhost).token("secret").build()) {
      other.objects().get(BUCKET, "o");
    }

    assertThat(fake.seenBy("proxy").getLast().header("Authorization")).isEqualTo("Bearer secret");
    assertThat(fake.seenBy("target").getLast().header("Authorization")).isNull();
  }

  @Test
  void get_maxRedirectsZero_throwsNamingBothNodes() {
    fake.addObject(BUCKET, "o", bytes("x"));
    try (JaisClient strict = JaisClient.builder(fake.proxyUrl()).maxRedirects(0).build()) {
      assertThatThrownBy(() -> strict.objects().get(BUCKET, "o"))
          .isInstanceOf(JaisException.class)
          .hasMessageContaining("more than 0 redirects")
          .hasMessageContaining(fake.targetUrl());
    }
  }

  @Test
  void put_anyCall_sendsUserAgentAndProviderQuery() {
    client.objects().put(BUCKET, "o", bytes("x"));

    List<FakeAis.Seen> all = fake.seen;
    assertThat(all).allSatisfy(s -> assertThat(s.header("User-Agent")).startsWith("jais/java"));
  }
}
