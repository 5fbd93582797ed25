package io.jais.node.http;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only place a {@link Throwable} becomes an HTTP error response. A {@link JaisException}
 * answers with its code's status and message; an over-long request line or header block with 414 or
 * 431; anything else is a bug or an environment failure: 500 with the exception's message, logged
 * with its stack trace. Rendering is left to the route's {@link ErrorRenderer}.
 */
public final class ErrorMapper {
  private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);

  private final String node;

  public ErrorMapper(String node) {
    this.node = node;
  }

  /** Classifies a throwable raised while serving {@code method urlPath} from {@code remoteAddr}. */
  public Failure classify(Throwable error, HttpMethod method, String urlPath, String remoteAddr) {
    return switch (error) {
      case JaisException e ->
          new Failure(e.code(), e.code().status(), e.getMessage(), method, urlPath, remoteAddr, node, e.headers());
      case TooLongHttpLineException e ->
          failure(
              ErrorCode.URI_TOO_LONG,
              414,
              "request line too long: " + e.getMessage(),
              method,
              urlPath,
              remoteAddr);
      case TooLongHttpHeaderException e ->
          failure(
              ErrorCode.HEADERS_TOO_LARGE,
              431,
              "request headers too large: " + e.getMessage(),
              method,
              urlPath,
              remoteAddr);
      default -> {
        if (error instanceof IOException) {
          // mostly a client that went away mid-body: worth a line, not a stack trace
          log.warn("{} {} from {} failed: {}", method, urlPath, remoteAddr, error.toString());
        } else {
          log.error("{} {} from {} failed", method, urlPath, remoteAddr, error);
        }
        String message =
            error.getMessage() != null ? error.getMessage() : error.getClass().getName();
        yield failure(ErrorCode.INTERNAL, 500, message, method, urlPath, remoteAddr);
      }
    };
  }

  private Failure failure(
      ErrorCode code,
      int status,
      String message,
      HttpMethod method,
      String urlPath,
      String remoteAddr) {
    return new Failure(code, status, message, method, urlPath, remoteAddr, node, Map.of());
  }

  /** Classifies and renders in one step. */
  public Response toResponse(
      Throwable error,
      HttpMethod method,
      String urlPath,
      String remoteAddr,
      ErrorRenderer renderer) {
    return renderer.render(classify(error, method, urlPath, remoteAddr));
  }
}
