package io.jais.node.s3;

import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Snode;
import io.jais.node.cluster.ClusterState;
import io.jais.node.http.Request;
import io.jais.node.http.Response;

/**
 * The proxy's S3 object routes ({@code /s3/{bucket}/{key...}}): each request goes to the target that
 * owns the object, relayed (default) or redirected ({@link S3Options#redirect()}). Copies read the
 * source from its owner and write the destination to its owner ({@link CopyObjectOp}).
 */
public final class S3ObjectHandler {
  static final String COPY_SOURCE = "x-amz-copy-source";

  private final ClusterState state;
  private final TargetRelay relay;
  private final S3Options options;

  S3ObjectHandler(ClusterState state, TargetRelay relay, S3Options options) {
    this.state = state;
    this.relay = relay;
    this.options = options;
  }

  /** GET, HEAD, DELETE, PUT and POST (multipart) of one object. */
  public Response handle(Request request) throws Exception {
    Bucket bucket = S3Params.existingBucket(request, state);
    String key = S3Params.key(request, bucket);
    UnsupportedRequests.refuseOnObject(request);
    if ("PUT".equals(request.method().name()) && request.header(COPY_SOURCE) != null) {
      return new CopyObjectOp(state, relay, request, bucket, key).run();
    }
    if (storesMetadata(request)) {
      S3Metadata.fromRequest(request); // refused here, before the body is relayed; the target checks again
    }
    Snode target = relay.owner(bucket, key);
    if (options.redirect()) {
      return Response.redirect(307, relay.redirectUrl(target, request));
    }
    return relay.relay(request, target);
  }

  /** PutObject and CreateMultipartUpload carry the new object's metadata in their headers. */
  private static boolean storesMetadata(Request request) {
    String method = request.method().name();
    return "PUT".equals(method) && request.query("uploadId") == null
        || "POST".equals(method) && request.query("uploads") != null;
  }
}
