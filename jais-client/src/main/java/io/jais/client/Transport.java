package io.jais.client;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;

/**
 * Sends {@link Call}s to the endpoint, follows redirects and turns failures into
 * {@link JaisException}s. Thread-safe: the JDK client is, and this class holds no mutable state.
 *
 * <p>Design notes.
 *
 * <ul>
 *   <li><b>Redirects</b> (301, 302, 307, 308) are followed here, not by the JDK client: AIS
 *       proxies answer object GETs with 301 and everything else with 307, and every one must
 *       re-send the same method, headers and body (docs/native-api.md#redirects). Doing it here also decides
 *       which headers travel, whether the body can be sent again, the hop limit
 *       ({@code maxRedirects}) and the error messages, none of which the JDK lets us control.
 *   <li><b>Bodies on redirect.</b> Arrays and files are simply sent again. A caller's stream can
 *       be read only once, so streamed uploads (and files, and large arrays, to avoid sending
 *       them twice) carry {@code Expect: 100-continue}: an AIS proxy redirects from the request
 *       line alone, before asking for the body, so the 307 arrives while the stream is still
 *       untouched and the body goes to the target only. A proxy that answers 100 first and then
 *       redirects has consumed the stream; the call then fails with a message saying so. We do
 *       not send streams straight to the HRW owner: targets reject PUTs that were not
 *       redirected (docs/native-api.md#redirects).
 *   <li><b>Authorization</b> is kept across a redirect only while the host stays the same (any
 * port), like Go's HTTP client; AIS targets trust redirect-marked requests
 * (docs/native-api.md#redirects).
 *   <li><b>Timeouts.</b> The read timeout bounds the wait for the response headers; it is not
 *       applied to uploads of files and streams, whose sending time it would otherwise include.
 *   <li><b>Errors.</b> Status 400 and above goes through {@link ErrorParser}. I/O failures
 *       become {@link ErrorCode#UNAVAILABLE} with a message naming the node, never the JDK's own.
 * </ul>
 */
final class Transport implements AutoCloseable {
  private static final String USER_AGENT = "jais/java";

  private final HttpClient http;
  private final URI endpoint;
  /** The endpoint's path up to its last {@code /}, without it: {@code /v1} is appended. */
  private final String basePath;
  private final Duration readTimeout;
  private final String token;
  private final int maxRedirects;

  Transport(URI endpoint, Duration connectTimeout, Duration readTimeout, String token, int maxRedirects) {
    this.endpoint = endpoint;
    String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
    this.basePath = path.substring(0, Math.max(0, path.lastIndexOf('/')));
    this.readTimeout = readTimeout;
    this.token = token;
    this.maxRedirects = maxRedirects;
    HttpClient.Builder builder = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(connectTimeout);
    if (endpoint.getScheme().equalsIgnoreCase("http")) {
      builder.sslContext(PlainHttp.SSL_CONTEXT);
    }
    this.http = builder.build();
  }

  /**
   * A TLS context for clients of plain-HTTP clusters. The JDK client otherwise builds the default
   * context at construction, which parses the whole CA store: about 100 ms of start-up for a CLI
   * that never speaks TLS. This one trusts no certificate, so an https redirect from an http
   * cluster fails instead of going unverified.
   */
  private static final class PlainHttp {
    static final javax.net.ssl.SSLContext SSL_CONTEXT = create();

    private static javax.net.ssl.SSLContext create() {
      try {
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        javax.net.ssl.X509TrustManager trustNone = new javax.net.ssl.X509TrustManager() {
          @Override
          public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType)
              throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("this client talks plain HTTP only");
          }

          @Override
          public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType)
              throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("this client talks plain HTTP only: the endpoint is http://");
          }

          @Override
          public java.security.cert.X509Certificate[] getAcceptedIssuers() {
            return new java.security.cert.X509Certificate[0];
          }
        };
        context.init(new javax.net.ssl.KeyManager[0], new javax.net.ssl.TrustManager[] {trustNone}, null);
        return context;
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException("cannot create a TLS context", e);
      }
    }
  }

  URI endpoint() {
    return endpoint;
  }

  /** The URL of a call on the endpoint (Python {@code urljoin(endpoint, "v1")} semantics). */
  URI resolve(Call call) {
    return URI.create(origin(endpoint) + basePath + call.pathAndQuery());
  }

  /**
   * Sends the call to the endpoint, following redirects. Returns the successful reply, whose body
   * the caller must consume; throws {@link JaisException} for statuses of 400 and above and for
   * I/O failures.
   */
  Reply send(Call call) {
    return send(call, resolve(call));
  }

  /** Like {@link #send(Call)}, to an explicit URL (e.g. a target's). */
  Reply send(Call call, URI start) {
    URI uri = start;
    boolean authorize = token != null;
    for (int hop = 0; ; hop++) {
      HttpResponse<InputStream> response = exchange(call, uri, authorize);
      int status = response.statusCode();
      if (isRedirect(status)) {
        URI next = redirectTarget(call, uri, response);
        if (hop >= maxRedirects) {
          throw new JaisException(ErrorCode.INTERNAL, call.describe() + ": more than " + maxRedirects
              + " redirects, the last one from " + origin(uri) + " to " + origin(next));
        }
        if (!call.body().resendable()) {
          throw new JaisException(ErrorCode.INVALID_ARGUMENT, call.describe() + ": " + origin(uri)
              + " redirected to " + origin(next) + " after the streamed body had been sent; a stream"
              + " can be sent once only (send a byte[] or a Path, or use a server that redirects"
              + " before answering 100-continue)");
        }
        authorize = authorize && sameHost(uri, next);
        uri = next;
        continue;
      }
      if (status >= 400) {
        throw ErrorParser.parse(call.method(), uri, status, response.headers(), response.body());
      }
      return new Reply(uri, status, response.headers(), response.body());
    }
  }

  private HttpResponse<InputStream> exchange(Call call, URI uri, boolean authorize) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .method(call.method(), call.body().publisher())
        .header("User-Agent", USER_AGENT);
    RequestBody body = call.body();
    if (!(body instanceof RequestBody.File || body instanceof RequestBody.Stream)) {
      request.timeout(readTimeout);
    }
    if (body.expectContinue()) {
      request.expectContinue(true);
    }
    for (String[] header : call.headers()) {
      request.header(header[0], header[1]);
    }
    if (authorize) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(request.build(), BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw ioFailure(call, uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JaisException(ErrorCode.UNAVAILABLE,
          call.describe() + " to " + origin(uri) + ": interrupted while waiting for the reply", e);
    }
  }

  private URI redirectTarget(Call call, URI uri, HttpResponse<InputStream> response) {
    drain(response.body());
    String location = response.headers().firstValue("Location").orElseThrow(() -> new JaisException(
        ErrorCode.INTERNAL, call.describe() + ": redirect " + response.statusCode() + " from " + origin(uri)
            + " has no Location"));
    try {
      return uri.resolve(new URI(location));
    } catch (java.net.URISyntaxException e) {
      throw new JaisException(ErrorCode.INTERNAL,
          call.describe() + ": " + origin(uri) + " redirected to an invalid URL: " + location, e);
    }
  }

  private JaisException ioFailure(Call call, URI uri, IOException e) {
    if (call.body() instanceof RequestBody.Stream stream && stream.failure() != null) {
      return new JaisException(ErrorCode.INVALID_ARGUMENT, call.describe() + ": " + stream.failure(), e);
    }
    String node = origin(uri);
    String reason;
    if (e instanceof HttpConnectTimeoutException) {
      reason = "cannot reach " + node + ": connect timed out";
    } else if (e instanceof HttpTimeoutException) {
      reason = call.describe() + ": no reply from " + node + " within " + readTimeout.toMillis() + " ms";
    } else if (e instanceof ConnectException) {
      reason = "cannot reach " + node + ": "
          + (e.getCause() instanceof UnresolvedAddressException ? "unknown host" : "connection refused");
    } else {
      reason = call.describe() + " to " + node + " failed: the connection was closed or reset";
    }
    return new JaisException(ErrorCode.UNAVAILABLE, reason, e);
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 307 || status == 308;
  }

  private static boolean sameHost(URI from, URI to) {
    return from.getHost() != null && from.getHost().equalsIgnoreCase(to.getHost());
  }

  private static void drain(InputStream body) {
    try (InputStream in = body) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      // the redirect's own body carries nothing we need
    }
  }

  /** {@code scheme://host:port} of a URL, for messages and for joining paths. */
  static String origin(URI uri) {
    return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority();
  }

  @Override
  public void close() {
    http.close();
  }
}
