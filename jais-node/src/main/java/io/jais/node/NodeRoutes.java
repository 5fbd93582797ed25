package io.jais.node;

import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.HEAD;
import static io.netty.handler.codec.http.HttpMethod.PATCH;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static io.netty.handler.codec.http.HttpMethod.PUT;

import io.jais.api.ApiPath;
import io.jais.api.QueryParam;
import io.jais.node.daemon.DaemonActions;
import io.jais.node.daemon.DaemonHandler;
import io.jais.node.daemon.VoteHandler;
import io.jais.node.getbatch.GetBatchHandler;
import io.jais.node.getbatch.GetBatchRedirect;
import io.jais.node.http.MeterSelector;
import io.jais.node.http.RouteTable;
import io.jais.node.metrics.MetricsHandler;
import io.jais.node.metrics.NodeMetrics;
import io.jais.node.metrics.Op;
import io.jais.node.job.JobHandler;
import io.jais.node.proxy.ProxyBucketHandler;
import io.jais.node.proxy.ProxyClusterHandler;
import io.jais.node.proxy.ProxyObjectHandler;
import io.jais.node.proxy.ReverseDaemonHandler;
import io.jais.node.target.MountpathHandler;
import io.jais.node.target.PeerObjectHandler;
import io.jais.node.target.TargetListHandler;
import io.jais.node.target.TargetObjectHandler;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The route tables of both roles: the index of every endpoint a node serves, and what each object
 * and listing route counts (the S3 routes tag their own).
 */
final class NodeRoutes {
  private static final String OBJECT = ApiPath.OBJECTS + "/{bucket}/{object...}";
  private static final String BUCKET = ApiPath.BUCKETS + "/{bucket}";
  private static final String BUCKET_TAIL = ApiPath.BUCKETS + "/{bucket}/{rest...}";
  private static final String PEER_OBJECT = ApiPath.TARGET_OBJECTS + "/{bucket}/{object...}";

  private NodeRoutes() {}

  /**
   * The control port of a proxy: what nodes tell each other about the cluster (join, keepalive,
   * metasync; nodes only) and health, on threads and connections of its own.
   */
  static RouteTable proxyControl(DaemonHandler daemon, ProxyClusterHandler cluster, VoteHandler votes,
      DaemonActions actions) {
    return control(daemon, votes, actions)
        .intraRoute(PUT, ApiPath.VOTE_INIT, votes::runFor)
        .intraRoute(POST, ApiPath.CLUSTER_JOIN, cluster::join)
        .intraRoute(POST, ApiPath.CLUSTER_KEEPALIVE, cluster::keepalive)
        .build();
  }

  /** The control port of a target: metasync from the primary, votes in elections, and health. */
  static RouteTable targetControl(DaemonHandler daemon, VoteHandler votes, DaemonActions actions) {
    return control(daemon, votes, actions).build();
  }

  private static RouteTable.Builder control(DaemonHandler daemon, VoteHandler votes, DaemonActions actions) {
    return RouteTable.builder()
        .route(GET, ApiPath.DAEMON, daemon::daemon)
        .intraRoute(PUT, ApiPath.DAEMON, actions::act)
        .route(GET, ApiPath.HEALTH, daemon::health)
        .intraRoute(PUT, ApiPath.METASYNC, daemon::metasync)
        .intraRoute(POST, ApiPath.VOTE_PROXY, votes::vote);
  }

  static RouteTable proxy(DaemonHandler daemon, ReverseDaemonHandler reverse, ProxyClusterHandler cluster, ProxyBucketHandler buckets,
      ProxyObjectHandler objects, UnaryOperator<RouteTable.Builder> s3, NodeMetrics metrics) {
    RouteTable.Builder routes = s3.apply(common(daemon, metrics))
        .route(GET, ApiPath.REVERSE_DAEMON, reverse::reverse)
        .route(PUT, ApiPath.REVERSE_DAEMON + "/mountpaths", reverse::mountpaths)
        .route(POST, ApiPath.REVERSE_DAEMON + "/mountpaths", reverse::mountpaths)
        .route(DELETE, ApiPath.REVERSE_DAEMON + "/mountpaths", reverse::mountpaths)
        .route(GET, ApiPath.CLUSTER, cluster::query)
        .route(PUT, ApiPath.CLUSTER, cluster::act)
        .route(PUT, ApiPath.CLUSTER + "/set-config", cluster::setConfigQuery)
        .route(PUT, ApiPath.CLUSTER_PROXY + "/{id}", cluster::setPrimary)
        .route(POST, ApiPath.CLUSTER_ADMIN_JOIN, cluster::adminJoin)
        .route(GET, ApiPath.BUCKETS, buckets::listBuckets)
        .route(GET, BUCKET, buckets::get)
        .route(POST, BUCKET, buckets::post)
        .route(PUT, BUCKET, buckets::put)
        .route(DELETE, BUCKET, buckets::delete)
        .route(HEAD, BUCKET, buckets::head)
        .route(PATCH, BUCKET, buckets::patch)
        .route(POST, ApiPath.OBJECTS + "/{bucket}", buckets::postObjects);
    routes.route(HEAD, BUCKET_TAIL, buckets::headWithPrefix);
    for (HttpMethod method : List.of(GET, POST, PUT, DELETE, PATCH)) {
      routes.route(method, BUCKET_TAIL, buckets::invalidUri);
    }
    for (HttpMethod method : List.of(GET, POST, PUT, DELETE, HEAD, PATCH)) {
      routes.routeNonBlocking(method, OBJECT, objects::redirect); // in-memory only: Smap, BMD, HRW
    }
    meterObjects(routes, metrics);
    return routes.meter(GET, BUCKET, metrics.meter(Op.LIST)).build(); // a summary counts as nothing (handler)
  }

  static RouteTable target(DaemonHandler daemon, TargetObjectHandler objects, PeerObjectHandler peers,
      TargetListHandler list, JobHandler jobs, UnaryOperator<RouteTable.Builder> s3, NodeMetrics metrics) {
    RouteTable.Builder routes = s3.apply(common(daemon, metrics))
        .routeWithFastPath(GET, OBJECT, objects::getCached, objects::get) // hot objects on the event loop
        .route(HEAD, OBJECT, objects::head)
        .route(PUT, OBJECT, objects::put)
        .route(DELETE, OBJECT, objects::delete)
        .route(PATCH, OBJECT, objects::patch)
        .route(POST, OBJECT, objects::post)
        .route(POST, ApiPath.TARGET_LIST + "/{bucket}", list::list) // pages of a listing the proxy counts
        .route(PUT, ApiPath.TARGET_JOBS, jobs::act)
        .route(GET, ApiPath.TARGET_JOBS, jobs::query)
        // peers' requests for their copies: the cluster's own traffic, counted as nothing
        .route(HEAD, PEER_OBJECT, peers::head)
        .route(GET, PEER_OBJECT, peers::get)
        .route(DELETE, PEER_OBJECT, peers::delete)
        .route(PUT, PEER_OBJECT, peers::put);
    meterObjects(routes, metrics);
    return routes.build();
  }

  /** A target's mountpath operations ({@code /v1/daemon/mountpaths}). */
  static RouteTable.Builder mountpaths(RouteTable.Builder routes, MountpathHandler mountpaths) {
    return routes.route(PUT, ApiPath.DAEMON + "/mountpaths", mountpaths::put)
        .route(POST, ApiPath.DAEMON + "/mountpaths", mountpaths::post)
        .route(DELETE, ApiPath.DAEMON + "/mountpaths", mountpaths::delete);
  }

  /** Get-batch on a proxy: checked and redirected to the target that assembles the batch. */
  static RouteTable.Builder getBatch(RouteTable.Builder routes, GetBatchRedirect batches) {
    return routes.route(GET, ApiPath.GET_BATCH, batches::redirectAll)
        .route(GET, ApiPath.GET_BATCH + "/{bucket}", batches::redirectOfBucket);
  }

  /** Get-batch on a target: assembled here (redirected requests), and entries for other targets' batches. */
  static RouteTable.Builder getBatch(RouteTable.Builder routes, GetBatchHandler batches) {
    return routes.route(GET, ApiPath.GET_BATCH, batches::getAll)
        .route(GET, ApiPath.GET_BATCH + "/{bucket}", batches::getOfBucket)
        .route(POST, ApiPath.TARGET_GET_BATCH + "/{bucket}", batches::entry); // peers only: checked in entry
  }

  /**
   * The native object routes, on a proxy (its redirects) as on a target. Peers reach each other's
   * copies on internal routes, which count as nothing.
   */
  private static void meterObjects(RouteTable.Builder routes, NodeMetrics metrics) {
    MeterSelector putOrAppend =
        metrics.meter(request -> request.query(QueryParam.APPEND_TYPE) != null ? Op.APPEND : Op.PUT);
    routes.meter(GET, OBJECT, metrics.meter(Op.GET)) // one meter for every GET: nothing chosen on the hot path
        .meter(HEAD, OBJECT, metrics.meter(Op.HEAD))
        .meter(PUT, OBJECT, putOrAppend)
        .meter(DELETE, OBJECT, metrics.meter(Op.DELETE));
  }

  private static RouteTable.Builder common(DaemonHandler daemon, NodeMetrics metrics) {
    return RouteTable.builder()
        .route(GET, ApiPath.DAEMON, daemon::daemon)
        .route(GET, ApiPath.HEALTH, daemon::health)
        .route(GET, MetricsHandler.PATH, new MetricsHandler(metrics)::scrape);
  }
}
