package io.jais.node.s3;

import io.jais.node.http.ErrorRenderer;
import io.jais.node.http.Failure;
import io.jais.node.http.Response;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The S3 error dialect: {@code <Error><Code/><Message/><Resource/><RequestId/></Error>} with the
 * code from {@link S3Error}; HEAD answers carry no body, only the status and {@code
 * x-amz-error-code}, as S3 does.
 */
public final class S3ErrorRenderer implements ErrorRenderer {
  public static final S3ErrorRenderer INSTANCE = new S3ErrorRenderer();

  private S3ErrorRenderer() {}

  @Override
  public Response render(Failure failure) {
    String explicit = failure.headers().get(S3Error.CODE_HEADER);
    S3Error mapped = S3Error.of(failure.code());
    String code = explicit != null ? explicit : mapped.code();
    String requestId = requestId();
    Response.Builder response = Response.builder(failure.status())
        .header("x-amz-request-id", requestId)
        .header(S3Error.CODE_HEADER, code);
    failure.headers().forEach(response::header);
    if (failure.isHead()) {
      return response.header("Content-Length", "0").build();
    }
    String xml = new XmlWriter().open("Error")
        .element("Code", code)
        .element("Message", failure.message())
        .element("Resource", failure.urlPath())
        .element("RequestId", requestId)
        .close("Error").toString();
    return response.header("Content-Type", "application/xml").text(xml).build();
  }

  /** Random, like S3's: it only helps match a client's report with the node's log. */
  static String requestId() {
    byte[] id = new byte[8];
    ThreadLocalRandom.current().nextBytes(id);
    return HexFormat.of().withUpperCase().formatHex(id);
  }
}
