package io.jais.client;

import com.fasterxml.jackson.core.type.TypeReference;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.json.WireJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * A successful (status below 300) response whose body has not been read yet. The owner must
 * consume it with exactly one of {@link #bytes}, {@link #json}, {@link #discard} or
 * {@link #stream}; the first three release the connection.
 */
final class Reply implements AutoCloseable {
  private final URI uri;
  private final int status;
  private final HttpHeaders headers;
  private final InputStream body;

  Reply(URI uri, int status, HttpHeaders headers, InputStream body) {
    this.uri = uri;
    this.status = status;
    this.headers = headers;
    this.body = body;
  }

  /** The URL that finally answered (after redirects). */
  URI uri() {
    return uri;
  }

  int status() {
    return status;
  }

  HttpHeaders headers() {
    return headers;
  }

  Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  /** The body stream; the caller closes it. */
  InputStream stream() {
    return body;
  }

  byte[] bytes() {
    try (InputStream in = body) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw readFailed(e);
    }
  }

  <T> T json(Class<T> type) {
    byte[] data = bytes();
    try {
      return WireJson.MAPPER.readValue(data, type);
    } catch (IOException e) {
      throw invalid(type.getSimpleName(), e);
    }
  }

  <T> T json(TypeReference<T> type) {
    byte[] data = bytes();
    try {
      return WireJson.MAPPER.readValue(data, type);
    } catch (IOException e) {
      throw invalid("JSON", e);
    }
  }

  void discard() {
    close();
  }

  JaisException readFailed(IOException cause) {
    return new JaisException(ErrorCode.UNAVAILABLE,
        "reading the reply from " + Transport.origin(uri) + " failed: the connection was closed or reset", cause);
  }

  /** A reply the client cannot parse is the server's fault. */
  JaisException invalid(String what, Exception cause) {
    String reason = cause instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
        ? jpe.getOriginalMessage() : cause.getMessage();
    return new JaisException(ErrorCode.INTERNAL,
        "invalid " + what + " in the reply from " + uri.getRawPath() + " at " + Transport.origin(uri) + ": " + reason,
        cause);
  }

  @Override
  public void close() {
    try {
      body.close();
    } catch (IOException e) {
      // closing only releases the connection; nothing to report
    }
  }
}
