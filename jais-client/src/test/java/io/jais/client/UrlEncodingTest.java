package io.jais.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bucket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlEncodingTest {
  private FakeAis fake;
  private JaisClient client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
      fake.close();
    }
  }

  // expected values produced by Python 3: urllib.parse.quote(name)
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "a b | a%20b",
      "track?name=lofi&v=1 | track%3Fname%3Dlofi%26v%3D1",
      "#hash | %23hash",
      "100% | 100%25",
      "你好 | %E4%BD%A0%E5%A5%BD",
      "dir/sub/file.txt | dir/sub/file.txt",
      "~tilde-_. | ~tilde-_.",
      "+plus | %2Bplus",
      "semi;colon,comma | semi%3Bcolon%2Ccomma",
      "emoji 😀 | emoji%20%F0%9F%98%80",
      "a\\b | a%5Cb",
      "\"quoted\" | %22quoted%22",
      "@at:colon | %40at%3Acolon",
      "x*y(z)!' | x%2Ay%28z%29%21%27",
  })
  void quotePath_trickyName_matchesPythonQuote(String name, String expected) {
    assertThat(UrlEncoding.quotePath(name)).isEqualTo(expected);
  }

  @Test
  void quoteQuery_uname_escapesSlashAtAndHash() {
    assertThat(UrlEncoding.quoteQuery("ais/@#/dst/a b")).isEqualTo("ais%2F%40%23%2Fdst%2Fa%20b");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "a b", "track?name=lofi&v=1", "#hash", "100%", "你好/子", "dir/sub/file.txt", "+plus", "emoji 😀"})
  void putThenGet_trickyName_survivesBothHops(String name) throws Exception {
    fake = new FakeAis();
    client = JaisClient.create(fake.proxyUrl());
    Bucket bucket = Bucket.ais("names");
    fake.addBucket(bucket);

    client.objects().put(bucket, name, name.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(fake.objects).containsKey(bucket.uname(name));
    assertThat(new String(client.objects().get(bucket, name), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(name);
    assertThat(fake.seenBy("proxy").getFirst().rawPath()).isEqualTo("/v1/objects/names/" + UrlEncoding.quotePath(name));
  }
}
