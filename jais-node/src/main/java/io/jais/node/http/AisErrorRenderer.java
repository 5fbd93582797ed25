package io.jais.node.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jais.api.error.ErrorBody;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;

/**
 * The AIS error dialect (docs/native-api.md#errors): a JSON {@link ErrorBody} with {@code
 * X-Content-Type-Options:
 * nosniff} and no trailing newline; for HEAD the same JSON in the {@code Hdr-Error} header and an
 * empty body.
 */
public final class AisErrorRenderer implements ErrorRenderer {
  public static final AisErrorRenderer INSTANCE = new AisErrorRenderer();

  /** The header that carries the error JSON on HEAD responses. */
  public static final String HDR_ERROR = "Hdr-Error";

  private AisErrorRenderer() {}

  @Override
  public Response render(Failure failure) {
    ErrorBody body =
        new ErrorBody(
            failure.code().aisType(),
            failure.message(),
            failure.method().name(),
            failure.urlPath(),
            failure.remoteAddr(),
            "",
            failure.node(),
            failure.status());
    try {
      Response.Builder response =
          Response.builder(failure.status()).header("X-Content-Type-Options", "nosniff");
      failure.headers().forEach(response::header);
      if (failure.isHead()) {
        return response
            .header(HDR_ERROR, JsonCodec.ASCII_WRITER.writeValueAsString(body))
            .header(HttpHeaderNames.CONTENT_LENGTH, "0")
            .build();
      }
      return response
          .header(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
          .body(JsonCodec.MAPPER.writeValueAsBytes(body))
          .build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize an error body", e); // a record of strings
    }
  }
}
