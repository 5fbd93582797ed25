package io.jais.node.s3;

import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.HEAD;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static io.netty.handler.codec.http.HttpMethod.PUT;

import io.jais.node.cluster.BucketMetadata;
import io.jais.api.bucket.Bucket;
import io.jais.api.error.JaisException;
import io.jais.node.cluster.ClusterState;
import io.jais.node.cluster.IntraAuth;
import io.jais.node.cluster.IntraClient;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import io.jais.node.http.RouteTable;
import io.jais.node.metrics.NodeMetrics;
import io.jais.node.metrics.Op;
import io.jais.node.proxy.ObjectLister;
import io.jais.node.objects.MultipartUploads;
import io.jais.node.objects.ObjectService;
import io.jais.node.objects.StagedObjects;
import io.jais.node.proxy.PrimaryForwarder;
import io.netty.handler.codec.http.HttpMethod;
import java.util.function.Supplier;

/**
 * The S3 API's routes under {@value #ROOT}, path-style ({@code /s3/<bucket>/<key>}), and with
 * {@link S3Options#root()} at the root path too, and virtual-hosted-style ({@link VirtualHosts}), all
 * with S3 XML errors. Proxies verify signatures, serve buckets and relay objects; targets serve
 * objects and their multipart uploads to proxies (and to clients a proxy redirected).
 *
 * <p>Both roles count object GET, HEAD, PUT (an uploaded part or a copy is a PUT) and DELETE under
 * the same names as the native API, and a proxy counts ListObjects as a listing; multipart
 * bookkeeping (initiate, complete, abort, list parts or uploads) counts as nothing.
 */
public final class S3Routes {
  public static final String ROOT = "/s3";
  private static final String BUCKET_TAIL = "/{bucket}";
  private static final String OBJECT_TAIL = "/{bucket}/{key...}";
  private static final String BUCKET = ROOT + BUCKET_TAIL;
  private static final String OBJECT = ROOT + OBJECT_TAIL;

  private S3Routes() {}

  /** Adds the proxy's S3 routes and its virtual-hosted-style addressing. */
  public static RouteTable.Builder proxy(RouteTable.Builder routes, ClusterState state,
      Supplier<BucketMetadata> primary, PrimaryForwarder forwarder, ObjectLister lister, IntraClient intra,
      IntraAuth auth, S3Options options, NodeMetrics metrics) {
    TargetRelay relay = new TargetRelay(state, intra, auth);
    SigV4Verifier verifier = new SigV4Verifier(options.keys());
    S3BucketHandler buckets = new S3BucketHandler(state, primary, forwarder, lister, relay);
    S3ObjectHandler objects = new S3ObjectHandler(state, relay, options);
    // a request another proxy forwarded was verified there; its own signature no longer matches it,
    // and the forwarding proxy's intra-cluster credentials say so
    Authenticated signed = handler -> request -> {
      if (request.intraCaller() == null) {
        verifier.verify(request);
      }
      return handler.handle(request);
    };
    for (String root : options.root() ? new String[] {ROOT, ""} : new String[] {ROOT}) {
      route(routes, GET, root.isEmpty() ? "/" : root, signed.wrap(buckets::listBuckets));
      route(routes, PUT, root + BUCKET_TAIL, signed.wrap(buckets::create));
      route(routes, HEAD, root + BUCKET_TAIL, signed.wrap(buckets::head));
      route(routes, DELETE, root + BUCKET_TAIL, signed.wrap(buckets::delete));
      route(routes, GET, root + BUCKET_TAIL, signed.wrap(buckets::get));
      route(routes, POST, root + BUCKET_TAIL, signed.wrap(buckets::post));
      for (HttpMethod method : new HttpMethod[] {GET, HEAD, PUT, DELETE, POST}) {
        route(routes, method, root + OBJECT_TAIL, signed.wrap(objects::handle));
      }
      meterObjects(routes, root + OBJECT_TAIL, metrics);
      routes.meter(GET, root + BUCKET_TAIL, metrics.meter(request -> request.query("location") != null
          || request.query("versioning") != null || request.query("uploads") != null ? null : Op.LIST));
    }
    if (!options.domains().isEmpty()) {
      routes.rewriter(new VirtualHosts(options.domains()));
    }
    return routes;
  }

  /**
   * Adds the target's S3 routes, reached through a proxy that verified the client's signature:
   * every request must prove it with the relaying proxy's intra-cluster credentials or a signed
   * redirect (reads too: the proxy is where S3 credentials are checked).
   */
  public static RouteTable.Builder target(RouteTable.Builder routes, ClusterState state, ObjectService service,
      MultipartUploads uploads, S3Options options, NodeMetrics metrics) {
    S3TargetObjectHandler objects = new S3TargetObjectHandler(state, service, uploads, options);
    Authenticated fromProxy = handler -> request -> {
      try {
        request.requireRedirectedOrIntra();
      } catch (JaisException e) {
        throw new S3Exception(S3Error.ACCESS_DENIED, request.method() + " " + request.path()
            + ": S3 requests to a target must come through a proxy (" + state.self().displayName() + "): "
            + e.getMessage());
      }
      if (request.intraCaller() != null) {
        NonAsciiHeaders.decode(request);
      }
      return handler.handle(request);
    };
    route(routes, GET, BUCKET, fromProxy.wrap(objects::listUploads));
    route(routes, GET, OBJECT, fromProxy.wrap(objects::getOrListParts));
    route(routes, HEAD, OBJECT, fromProxy.wrap(objects::head));
    route(routes, PUT, OBJECT, fromProxy.wrap(objects::put));
    route(routes, DELETE, OBJECT, fromProxy.wrap(objects::delete));
    route(routes, POST, OBJECT, fromProxy.wrap(objects::post));
    meterObjects(routes, OBJECT, metrics);
    return routes;
  }

  /** GET and DELETE with {@code ?uploadId} (list parts, abort) are multipart bookkeeping, not reads or deletes. */
  private static void meterObjects(RouteTable.Builder routes, String pattern, NodeMetrics metrics) {
    routes.meter(GET, pattern, metrics.meter(request -> request.query("uploadId") != null ? null : Op.GET))
        .meter(HEAD, pattern, metrics.meter(Op.HEAD))
        .meter(PUT, pattern, metrics.meter(S3Routes::putPayload))
        .meter(DELETE, pattern, metrics.meter(request -> request.query("uploadId") != null ? null : Op.DELETE));
  }

  /**
   * On a target: destroying a bucket (or re-creating it) drops its in-progress multipart uploads
   * too, in the same BMD change that drops its objects.
   */
  public static void dropUploadsWithTheirBuckets(ClusterState state, StagedObjects staged) {
    MultipartUploads.dropWithTheirBuckets(state, staged);
  }

  /** A PUT, whose object bytes an {@code aws-chunked} body declares apart from its framing. */
  private static Op putPayload(Request request) {
    String decoded = request.header("x-amz-decoded-content-length");
    if (decoded != null) {
      try {
        request.countPayloadBytes(Long.parseLong(decoded.trim()));
      } catch (NumberFormatException e) {
        // the handler refuses the request; the meter counts what came
      }
    }
    return Op.PUT;
  }

  /**
   * True for the store's bucket of an S3 bucket's multipart uploads while that bucket exists: it
   * is in no BMD, yet not a leftover (store cleanup keeps it).
   */
  public static boolean isLiveUploadsBucket(ClusterState state, Bucket bucket) {
    return MultipartUploads.isShadow(bucket) && state.bmd().contains(Bucket.ais(bucket.name()));
  }

  private static void route(RouteTable.Builder routes, HttpMethod method, String pattern, Handler handler) {
    routes.route(method, pattern, handler::handle, S3ErrorRenderer.INSTANCE);
  }

  /** Puts signature verification in front of a handler. */
  @FunctionalInterface
  private interface Authenticated {
    Handler wrap(Handler handler);
  }

  /** A handler method of this package. */
  @FunctionalInterface
  private interface Handler {
    Response handle(Request request) throws Exception;
  }
}
