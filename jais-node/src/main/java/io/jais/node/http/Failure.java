package io.jais.node.http;

import io.jais.api.error.ErrorCode;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Map;

/**
 * A failed request as {@link ErrorMapper} classified it: what went wrong and where, everything an
 * {@link ErrorRenderer} needs to write the body its clients expect.
 *
 * @param code the error code
 * @param status the HTTP status; the code's own, except for transport failures the catalog has no
 *     code for (431)
 * @param message what was wrong, for the client
 * @param method the request method
 * @param urlPath the decoded request path
 * @param remoteAddr the client as {@code host:port}
 * @param node the answering node, e.g. {@code t[abc123]}
 * @param headers extra headers the error response must carry (e.g. {@code Content-Range} on 416)
 */
public record Failure(
    ErrorCode code,
    int status,
    String message,
    HttpMethod method,
    String urlPath,
    String remoteAddr,
    String node,
    Map<String, String> headers) {

  /** HEAD errors carry no body; renderers move the details into a header. */
  public boolean isHead() {
    return HttpMethod.HEAD.equals(method);
  }
}
