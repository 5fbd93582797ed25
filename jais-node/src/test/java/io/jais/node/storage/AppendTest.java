package io.jais.node.storage;

import static io.jais.node.storage.TestObjects.filesUnder;
import static io.jais.node.storage.TestObjects.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendTest {
  private static final Bucket BUCKET = Bucket.ais("b");

  @TempDir Path root;
  private ObjectStore store;

  @BeforeEach
  void setUp() throws IOException {
    store = TestObjects.twoMountpathStore(root);
  }
  @AfterEach
  void tearDown() {
    store.close();
  }


  private static ChunkedBody body(String text) {
    return ChunkedBody.of(text.getBytes(StandardCharsets.UTF_8));
  }

  private String content(String name) throws IOException {
    return new String(readAll(store.open(BUCKET, name, true)), StandardCharsets.UTF_8);
  }

  @Test
  void flush_afterAppendsToExistingObject_storesConcatenationWithNextVersion() throws IOException {
    store.put(BUCKET, "o", body("C"), PutOptions.DEFAULT);

    String handle = store.append(BUCKET, "o", "", body("A1"));
    assertThat(store.append(BUCKET, "o", handle, body("A2"))).isEqualTo(handle);
    store.append(BUCKET, "o", handle, body("A3"));
    assertThat(content("o")).isEqualTo("C"); // readers see the old content until flush
    ObjectMeta meta = store.flush(BUCKET, "o", handle);

    assertThat(content("o")).isEqualTo("CA1A2A3");
    assertThat(meta.version()).isEqualTo("2");
    assertThat(meta.checksum()).isEqualTo(Checksummer.compute(ChecksumType.XXHASH2, "CA1A2A3".getBytes()));
    assertThat(filesUnder(root, Fqn.WORK)).isEmpty();
  }

  @Test
  void flush_newObject_createsVersionOne() throws IOException {
    String handle = store.append(BUCKET, "n/o", "", body("x"));

    assertThat(store.head(BUCKET, "n/o")).isEmpty();
    assertThat(store.flush(BUCKET, "n/o", handle).version()).isEqualTo("1");
    assertThat(content("n/o")).isEqualTo("x");
  }

  @Test
  void append_flushedHandle_isRejected() throws IOException {
    String handle = store.append(BUCKET, "o", "", body("x"));
    store.flush(BUCKET, "o", handle);

    assertThatThrownBy(() -> store.append(BUCKET, "o", handle, body("y"))).satisfies(AppendTest::invalidArgument);
    assertThatThrownBy(() -> store.flush(BUCKET, "o", handle)).satisfies(AppendTest::invalidArgument);
  }

  @Test
  void append_forgedOrForeignHandle_isRejectedWithoutTouchingFiles() throws IOException {
    String handle = store.append(BUCKET, "o", "", body("x"));

    for (String forged : new String[] {"../../../etc/passwd", "0".repeat(32), handle.toUpperCase() + "/..", "x|y"}) {
      assertThatThrownBy(() -> store.append(BUCKET, "o", forged, body("y"))).satisfies(AppendTest::invalidArgument);
    }
    assertThatThrownBy(() -> store.append(BUCKET, "other", handle, body("y"))).satisfies(AppendTest::invalidArgument);
    assertThat(store.flush(BUCKET, "o", handle).size()).isEqualTo(1);
  }

  @Test
  void append_truncatedBody_addsNothingAndKeepsTheSession() throws IOException {
    String handle = store.append(BUCKET, "o", "", body("abc"));

    assertThatThrownBy(() -> store.append(BUCKET, "o", handle, ChunkedBody.truncated(new byte[100])))
        .isInstanceOf(IOException.class);
    store.append(BUCKET, "o", handle, body("d"));

    store.flush(BUCKET, "o", handle);
    assertThat(content("o")).isEqualTo("abcd");
  }

  @Test
  void abortIdleAppends_removesSessionAndWorkfile() throws IOException {
    String handle = store.append(BUCKET, "o", "", body("x"));

    assertThat(store.abortIdleAppends(Duration.ZERO)).isEqualTo(1);

    assertThat(filesUnder(root, Fqn.WORK)).isEmpty();
    assertThatThrownBy(() -> store.flush(BUCKET, "o", handle)).satisfies(AppendTest::invalidArgument);
  }

  private static void invalidArgument(Throwable e) {
    assertThat(e).isInstanceOfSatisfying(JaisException.class,
        jaisException -> assertThat(jaisException.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }
}
