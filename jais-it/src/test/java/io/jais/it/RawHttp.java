package io.jais.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Plain HTTP for wire-level assertions: follows redirects the way the AIS SDK's requests does. */
final class RawHttp {
  private static final HttpClient FOLLOWING = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(3)).build();
  private static final HttpClient NOT_FOLLOWING = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(3)).build();

  private RawHttp() {}

  static HttpResponse<byte[]> send(String method, String url, byte[] body, String... headers) throws IOException,
      InterruptedException {
    return send(FOLLOWING, method, url, body, headers);
  }

  static HttpResponse<byte[]> sendNoRedirect(String method, String url, byte[] body, String... headers)
      throws IOException, InterruptedException {
    return send(NOT_FOLLOWING, method, url, body, headers);
  }

  private static HttpResponse<byte[]> send(HttpClient client, String method, String url, byte[] body,
      String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }
}
