package io.jais.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorMappingTest {
  private FakeAis fake;
  private JaisClient client;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeAis();
    client = JaisClient.create(fake.proxyUrl());
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  private static JaisException thrown(Runnable call) {
    try {
      call.run();
    } catch (JaisException e) {
      return e;
    }
    throw new AssertionError("expected a JaisException");
  }

  @Test
  void destroy_missingBucket_throwsBucketNotFoundWithServerMessage() {
    JaisException e = thrown(() -> client.buckets().destroy(Bucket.ais("nope")));

    assertThat(e.code()).isEqualTo(ErrorCode.BUCKET_NOT_FOUND);
    assertThat(e.getMessage()).isEqualTo("bucket \"ais://nope\" does not exist");
  }

  @Test
  void create_existingBucket_throwsBucketExists() {
    fake.addBucket(Bucket.ais("dup"));

    assertThat(thrown(() -> client.buckets().create(Bucket.ais("dup"))).code()).isEqualTo(ErrorCode.BUCKET_EXISTS);
  }

  @Test
  void head_missingObject_parsesHdrErrorHeader() {
    fake.addBucket(Bucket.ais("b"));

    JaisException e = thrown(() -> client.objects().head(Bucket.ais("b"), "gone"));

    assertThat(e.code()).isEqualTo(ErrorCode.OBJECT_NOT_FOUND);
    assertThat(e.getMessage()).isEqualTo("t[tFake8081]: ais://b/gone does not exist");
  }

  @Test
  void props_missingBucket_parsesHdrErrorOnProxyHead() {
    JaisException e = thrown(() -> client.buckets().props(Bucket.ais("nope")));

    assertThat(e.code()).isEqualTo(ErrorCode.BUCKET_NOT_FOUND);
    assertThat(e.getMessage()).contains("ais://nope");
  }

  @Test
  void head_errorWithoutHdrError_reportsStatusAndPath() {
    fake.failNext(404, "", "", Map.of());

    JaisException e = thrown(() -> client.buckets().props(Bucket.ais("x")));

    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.getMessage()).isEqualTo("HEAD /v1/buckets/x at " + fake.proxyUrl() + ": HTTP 404");
  }

  @Test
  void get_plainTextError_usesTextAsMessage() {
    fake.failNext(403, "text/plain", "access denied\n", Map.of());

    JaisException e = thrown(() -> client.cluster().smap());

    assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(e.getMessage()).isEqualTo("access denied");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "404 | bucket \"ais://abc\" does not exist | BUCKET_NOT_FOUND",
      "404 | t[x]: ais://abc/obj does not exist | OBJECT_NOT_FOUND",
      "404 | aws bucket \"s3://abc\" does not exist | REMOTE_BUCKET_NOT_FOUND",
      "409 | bucket \"ais://abc\" already exists | BUCKET_EXISTS",
      "404 | etl job x does not exist | NOT_FOUND",
      "400 | bad thing | INVALID_ARGUMENT",
  })
  void error_noTcode_classifiedByUriInMessageLikeSdk(int status, String message, ErrorCode expected) {
    fake.failNext(status, "application/json", "{\"message\":\"" + message.replace("\"", "\\\"") + "\",\"status\":"
        + status + "}", Map.of());

    JaisException e = thrown(() -> client.buckets().list(io.jais.api.bucket.Provider.AIS));

    assertThat(e.code()).isEqualTo(expected);
    assertThat(e.getMessage()).isEqualTo(message);
  }

  @Test
  void anyCall_connectionRefused_throwsUnavailableNamingEndpoint() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (JaisClient dead = JaisClient.create("http://127.0.0.1:" + port)) {
      assertThatThrownBy(() -> dead.buckets().list(io.jais.api.bucket.Provider.AIS))
          .isInstanceOfSatisfying(JaisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
          .hasMessage("cannot reach http://127.0.0.1:" + port + ": connection refused");
    }
  }

  @Test
  void listPage_notMsgpack_throwsInternalNamingContentType() {
    fake.addBucket(Bucket.ais("b"));
    fake.failNext(200, "application/json", "{\"uuid\":\"x\"}", Map.of());

    assertThatThrownBy(() -> client.buckets().listPage(Bucket.ais("b"), io.jais.api.object.ListObjectsMsg.of("", 0)))
        .isInstanceOfSatisfying(JaisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
        .hasMessageContaining("Content-Type: application/json");
  }
}
