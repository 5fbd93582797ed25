package io.jais.node.s3;

import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.HEAD;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static io.netty.handler.codec.http.HttpMethod.PUT;

import io.jais.node.cluster.BucketMetadata;
import io.jais.node.cluster.ClusterState;
import io.jais.node.cluster.IntraClient;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import io.jais.node.http.RouteTable;
import io.jais.node.proxy.ObjectLister;
import io.jais.node.proxy.PrimaryForwarder;
import io.jais.node.storage.ObjectStore;
import io.netty.handler.codec.http.HttpMethod;
import java.util.function.Supplier;

/**
 * The S3 API's routes under {@value #ROOT}, path-style ({@code /s3/<bucket>/<key>}), and with
 * {@link S3Options#root()} at the root path too, all with S3 XML errors. Proxies serve buckets and relay objects; targets serve objects and their multipart
 * uploads to proxies (and to clients a proxy redirected).
 */
public final class S3Routes {
  public static final String ROOT = "/s3";
  private static final String BUCKET_TAIL = "/{bucket}";
  private static final String OBJECT_TAIL = "/{bucket}/{key...}";
  private static final String BUCKET = ROOT + BUCKET_TAIL;
  private static final String OBJECT = ROOT + OBJECT_TAIL;

  private S3Routes() {}

  /** Adds the proxy's S3 routes. */
  public static RouteTable.Builder proxy(RouteTable.Builder routes, ClusterState state,
      Supplier<BucketMetadata> primary, PrimaryForwarder forwarder, ObjectLister lister, IntraClient intra,
      S3Options options) {
    TargetRelay relay = new TargetRelay(state, intra);
    SigV4Verifier verifier = new SigV4Verifier(options.keys());
    S3BucketHandler buckets = new S3BucketHandler(state, primary, forwarder, lister, relay);
    S3ObjectHandler objects = new S3ObjectHandler(state, relay, options);
    Authenticated signed = handler -> request -> {
      if (!isFromCluster(request, state)) {
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
    }
    return routes;
  }

  /**
   * Requests relayed by another node (a non-primary proxy forwarding a bucket change) were verified
   * there; their signature no longer matches the rewritten request.
   */
  private static boolean isFromCluster(Request request, ClusterState state) {
    String caller = request.header(io.jais.api.Header.CALLER_ID);
    return caller != null && state.smap().contains(caller);
  }

  /** Adds the target's S3 routes (reached through a proxy, which verified the signature). */
  public static RouteTable.Builder target(RouteTable.Builder routes, ClusterState state, ObjectStore store,
      S3Options options) {
    S3TargetObjectHandler objects = new S3TargetObjectHandler(state, store, options);
    route(routes, GET, BUCKET, objects::listUploads);
    route(routes, GET, OBJECT, objects::getOrListParts);
    route(routes, HEAD, OBJECT, objects::head);
    route(routes, PUT, OBJECT, objects::put);
    route(routes, DELETE, OBJECT, objects::delete);
    route(routes, POST, OBJECT, objects::post);
    return routes;
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
