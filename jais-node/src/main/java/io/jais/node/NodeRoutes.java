package io.jais.node;

import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.HEAD;
import static io.netty.handler.codec.http.HttpMethod.PATCH;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static io.netty.handler.codec.http.HttpMethod.PUT;

import io.jais.api.ApiPath;
import io.jais.api.QueryParam;
import io.jais.node.daemon.DaemonHandler;
import io.jais.node.http.MeterSelector;
import io.jais.node.http.Request;
import io.jais.node.http.RouteTable;
import io.jais.node.metrics.MetricsHandler;
import io.jais.node.metrics.NodeMetrics;
import io.jais.node.metrics.Op;
import io.jais.node.proxy.ProxyBucketHandler;
import io.jais.node.proxy.ProxyClusterHandler;
import io.jais.node.proxy.ProxyObjectHandler;
import io.jais.node.proxy.ReverseDaemonHandler;
import io.jais.node.target.TargetListHandler;
import io.jais.node.target.TargetObjectHandler;
import io.jais.node.target.TargetSummaryHandler;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The route tables of both roles: the index of every endpoint a node serves, and what each object
 * and listing route counts (the S3 routes tag their own).
 */
final class NodeRoutes {
  private static final String OBJECT = ApiPath.OBJECTS + "/{bucket}/{object...}";
  private static final String BUCKET = ApiPath.BUCKETS + "/{bucket}";
  private static final String BUCKET_TAIL = ApiPath.BUCKETS + "/{bucket}/{rest...}";

  private NodeRoutes() {}

  static RouteTable proxy(DaemonHandler daemon, ReverseDaemonHandler reverse, ProxyClusterHandler cluster, ProxyBucketHandler buckets,
      ProxyObjectHandler objects, UnaryOperator<RouteTable.Builder> s3, NodeMetrics metrics) {
    RouteTable.Builder routes = s3.apply(common(daemon, metrics))
        .route(GET, ApiPath.REVERSE_DAEMON, reverse::reverse)
        .route(GET, ApiPath.CLUSTER, cluster::query)
        .route(PUT, ApiPath.CLUSTER, cluster::act)
        .route(PUT, ApiPath.CLUSTER + "/set-config", cluster::setConfigQuery)
        .route(POST, ApiPath.CLUSTER_JOIN, cluster::join)
        .route(POST, ApiPath.CLUSTER_KEEPALIVE, cluster::keepalive)
        .route(GET, ApiPath.BUCKETS, buckets::listBuckets)
        .route(GET, BUCKET, buckets::get)
        .route(POST, BUCKET, buckets::post)
        .route(DELETE, BUCKET, buckets::delete)
        .route(HEAD, BUCKET, buckets::head)
        .route(PATCH, BUCKET, buckets::patch);
    routes.route(HEAD, BUCKET_TAIL, buckets::headWithPrefix);
    for (HttpMethod method : List.of(GET, POST, PUT, DELETE, PATCH)) {
      routes.route(method, BUCKET_TAIL, buckets::invalidUri);
    }
    for (HttpMethod method : List.of(GET, POST, PUT, DELETE, HEAD, PATCH)) {
      routes.routeNonBlocking(method, OBJECT, objects::redirect); // in-memory only: Smap, BMD, HRW
    }
    meterObjects(routes, metrics, request -> false);
    return routes.meter(GET, BUCKET, metrics.meter(Op.LIST)).build(); // a summary counts as nothing (handler)
  }

  static RouteTable target(DaemonHandler daemon, TargetObjectHandler objects, TargetListHandler list,
      TargetSummaryHandler summary, UnaryOperator<RouteTable.Builder> s3, NodeMetrics metrics) {
    RouteTable.Builder routes = s3.apply(common(daemon, metrics))
        .routeWithFastPath(GET, OBJECT, objects::getCached, objects::get) // hot objects on the event loop
        .route(HEAD, OBJECT, objects::head)
        .route(PUT, OBJECT, objects::put)
        .route(DELETE, OBJECT, objects::delete)
        .route(PATCH, OBJECT, objects::patch)
        .route(POST, OBJECT, objects::post)
        .route(POST, ApiPath.TARGET_LIST + "/{bucket}", list::list) // pages of a listing the proxy counts
        .route(POST, ApiPath.TARGET_SUMMARY + "/{bucket}", summary::summarize);
    // a peer's search for its copy, or deletion of it, is the cluster's own traffic
    meterObjects(routes, metrics, TargetObjectHandler::isPeerCopyRequest);
    return routes.build();
  }

  /**
   * The native object routes, on a proxy (its redirects) as on a target; {@code ownTraffic} tells
   * the HEADs and DELETEs the cluster sends itself, which count as nothing.
   */
  private static void meterObjects(RouteTable.Builder routes, NodeMetrics metrics, Predicate<Request> ownTraffic) {
    MeterSelector putOrAppend =
        metrics.meter(request -> request.query(QueryParam.APPEND_TYPE) != null ? Op.APPEND : Op.PUT);
    routes.meter(GET, OBJECT, metrics.meter(Op.GET)) // one meter for every GET: nothing chosen on the hot path
        .meter(HEAD, OBJECT, metrics.meter(request -> ownTraffic.test(request) ? null : Op.HEAD))
        .meter(PUT, OBJECT, putOrAppend)
        .meter(DELETE, OBJECT, metrics.meter(request -> ownTraffic.test(request) ? null : Op.DELETE));
  }

  private static RouteTable.Builder common(DaemonHandler daemon, NodeMetrics metrics) {
    return RouteTable.builder()
        .route(GET, ApiPath.DAEMON, daemon::daemon)
        .route(GET, ApiPath.HEALTH, daemon::health)
        .route(PUT, ApiPath.METASYNC, daemon::metasync)
        .route(GET, MetricsHandler.PATH, new MetricsHandler(metrics)::scrape);
  }
}
