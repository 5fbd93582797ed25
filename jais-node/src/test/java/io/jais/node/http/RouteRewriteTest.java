package io.jais.node.http;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A route table's target rewriter: routing by the Host header, the sent target kept for signatures. */
class RouteRewriteTest {
  private static NettyServer server;

  @BeforeAll
  static void start() throws Exception {
    RouteTable routes = RouteTable.builder()
        .route(GET, "/s3/{bucket}/{key...}", r -> Response.text(r.pathParam("bucket") + "|" + r.pathParam("key")
            + "|" + r.path() + "|" + r.rawUri() + "|" + r.sentUri() + "|" + r.query("x")))
        .rewriter((host, uri) -> host != null && host.startsWith("b.vhost") ? "/s3/b" + uri : null)
        .build();
    server = NettyServer.start(routes, ServerOptions.of("127.0.0.1", 0, "t[rewrite]"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void rewrittenTarget_isRouted_andTheSentOneKept() throws Exception {
    assertThat(get("b.vhost:80", "/dir/a%20b?x=1")).endsWith("\r\n\r\nb|dir/a b|/s3/b/dir/a%20b|/s3/b/dir/a%20b?x=1|/dir/a%20b?x=1|1");
  }

  @Test
  void otherHosts_areRoutedAsSent() throws Exception {
    assertThat(get("other:80", "/s3/c/k")).endsWith("\r\n\r\nc|k|/s3/c/k|/s3/c/k|/s3/c/k|null");
    assertThat(get("other:80", "/dir/k")).startsWith("HTTP/1.1 404");
  }

  private static String get(String host, String target) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
