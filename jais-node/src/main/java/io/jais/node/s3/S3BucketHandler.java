package io.jais.node.s3;

import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketProps;
import io.jais.api.bucket.Provider;
import io.jais.api.object.ListObjectsMsg;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.cluster.BucketMetadata;
import io.jais.node.cluster.ClusterState;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import io.jais.node.proxy.ObjectLister;
import io.jais.node.proxy.PrimaryForwarder;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The proxy's S3 bucket routes: ListBuckets ({@code GET /s3}), CreateBucket, HeadBucket,
 * DeleteBucket, GetBucketLocation, GetBucketVersioning, ListObjects V1/V2, ListMultipartUploads and
 * DeleteObjects. Bucket metadata changes run on the primary; other proxies forward them there, where
 * they arrive at this same handler.
 */
public final class S3BucketHandler {
  static final String OWNER_ID = "jais";
  private static final int MAX_XML_BODY = 1 << 20;

  private final ClusterState state;
  private final Supplier<BucketMetadata> primary;
  private final PrimaryForwarder forwarder;
  private final ObjectLister lister;
  private final TargetRelay relay;

  S3BucketHandler(ClusterState state, Supplier<BucketMetadata> primary, PrimaryForwarder forwarder,
      ObjectLister lister, TargetRelay relay) {
    this.state = state;
    this.primary = primary;
    this.forwarder = forwarder;
    this.lister = lister;
    this.relay = relay;
  }

  public Response listBuckets(Request request) {
    XmlWriter xml = new XmlWriter().root("ListAllMyBucketsResult")
        .open("Owner").element("ID", OWNER_ID).element("DisplayName", OWNER_ID).close("Owner").open("Buckets");
    List<Bucket> buckets = state.bmd().bucketsOf(Provider.AIS).stream()
        .filter(b -> b.namespace().isGlobal() && !b.name().startsWith(".")).toList();
    for (Bucket bucket : buckets) {
      long created = state.bmd().props(bucket).map(BucketProps::created).orElse(0L);
      xml.open("Bucket").element("Name", bucket.name()).element("CreationDate", S3Params.iso(created)).close("Bucket");
    }
    return xml.close("Buckets").close("ListAllMyBucketsResult").response();
  }

  public Response create(Request request) throws Exception {
    UnsupportedRequests.refuseOnBucket(request);
    Bucket bucket = S3Params.bucket(request);
    S3BucketNames.requireValidForCreate(bucket.name());
    byte[] body = request.bodyBytes(MAX_XML_BODY);
    if (body.length > 0) {
      XmlReader.parse(body, "CreateBucketConfiguration"); // validated only: JAIS has one region
    }
    BucketMetadata owner = primary.get();
    if (owner == null) {
      return forwardToPrimary(request, body);
    }
    try {
      owner.create(bucket, null);
    } catch (JaisException e) {
      if (e.code() == ErrorCode.BUCKET_EXISTS) {
        throw new S3Exception(S3Error.BUCKET_ALREADY_OWNED_BY_YOU, "bucket " + bucket.name() + " already exists");
      }
      throw e;
    }
    return Response.builder(200).header("Location", "/" + bucket.name()).header("Content-Length", "0").build();
  }

  public Response head(Request request) {
    S3Params.existingBucket(request, state);
    return Response.builder(200).header("x-amz-bucket-region", "us-east-1").header("Content-Length", "0").build();
  }

  /** DeleteBucket: BucketNotEmpty while any object is left. */
  public Response delete(Request request) throws Exception {
    Bucket bucket = S3Params.existingBucket(request, state);
    UnsupportedRequests.refuseOnBucket(request);
    if (!lister.list(bucket, ListObjectsMsg.of("", 1)).entries().isEmpty()) {
      throw new S3Exception(S3Error.BUCKET_NOT_EMPTY, "The bucket you tried to delete is not empty: " + bucket.name());
    }
    BucketMetadata owner = primary.get();
    if (owner == null) {
      return forwardToPrimary(request, new byte[0]);
    }
    owner.destroy(bucket);
    return Response.status(204);
  }

  /**
   * The primary gets the request at the same path; this proxy's intra-cluster credentials prove
   * that it verified the client's signature, which the forwarded request no longer carries.
   */
  private Response forwardToPrimary(Request request, byte[] body) throws Exception {
    return forwarder.forward(request, body);
  }

  /** GET on a bucket: a sub-resource (location, versioning, uploads) or a listing. */
  public Response get(Request request) throws Exception {
    Bucket bucket = S3Params.existingBucket(request, state);
    UnsupportedRequests.refuseOnBucket(request);
    if (request.query("location") != null) {
      return new XmlWriter().root("LocationConstraint").close("LocationConstraint").response();
    }
    if (request.query("versioning") != null) {
      return new XmlWriter().root("VersioningConfiguration").close("VersioningConfiguration").response();
    }
    if (request.query("uploads") != null) {
      return new ListUploadsOp(state, relay, request, bucket).run();
    }
    return new ListObjectsOp(lister, request, bucket).run();
  }

  /** POST {@code ?delete}: DeleteObjects. */
  public Response post(Request request) throws Exception {
    Bucket bucket = S3Params.existingBucket(request, state);
    UnsupportedRequests.refuseOnBucket(request);
    if (request.query("delete") == null) {
      throw new S3Exception(S3Error.INVALID_REQUEST, "POST on a bucket needs ?delete");
    }
    return new DeleteObjectsOp(relay, bucket, request.bodyBytes(MAX_XML_BODY), request.header("Content-MD5")).run();
  }
}
