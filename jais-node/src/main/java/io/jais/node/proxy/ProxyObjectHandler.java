package io.jais.node.proxy;

import io.jais.api.QueryParam;
import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.cluster.ClusterState;
import io.jais.node.cluster.IntraAuth;
import io.jais.node.http.BucketParams;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import io.jais.node.storage.ObjectName;
import io.jais.node.target.AppendHandle;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;

/**
 * The proxy's object data path: no bytes pass through it. Each request is answered with a
 * redirect to the target that owns the object by HRW (301 for GET, 307 otherwise, as AIS),
 * decided from the request line alone so that clients withholding the body get their answer.
 * Redirects of requests that change objects are signed ({@link IntraAuth#signRedirect}): targets
 * take those only from a proxy of their cluster.
 */
public final class ProxyObjectHandler {
  private final ClusterState state;
  // the active targets of the Smap version last seen: rebuilt when the Smap changes, not filtered
  // out of it on every redirect
  private volatile Placement placement = new Placement(null, List.of());

  private record Placement(Smap smap, List<Snode> activeTargets) {}

  private final String markers; // "pid=<self>&utm=", the constant part of the redirect markers
  private final IntraAuth auth;

  public ProxyObjectHandler(ClusterState state, IntraAuth auth) {
    this.state = state;
    this.auth = auth;
    this.markers = QueryParam.PROXY_ID + "=" + state.self().id() + "&" + QueryParam.REDIRECT_TIME + "=";
  }

  public Response redirect(Request request) {
    Bucket bucket = BucketParams.of(request);
    if (!state.bmd().contains(bucket)) {
      throw JaisException.noSuchBucket(bucket);
    }
    String name = request.pathParam("object");
    ObjectName.validate(bucket, name);
    Snode target = owner(request, bucket, name);
    HttpMethod method = request.method();
    if (HttpMethod.GET.equals(method)) {
      return Response.redirect(301, location(target, request.rawUri()));
    }
    String location = location(target, request.rawUri());
    // targets take reads from anyone (direct reads) but changes only with a proxy's signature
    return Response.redirect(307, HttpMethod.HEAD.equals(method) ? location : auth.signRedirect(method.name(), location));
  }

  private Snode owner(Request request, Bucket bucket, String name) {
    String sessionTarget = AppendHandle.targetOf(request.query(QueryParam.APPEND_HANDLE));
    if (sessionTarget != null) {
      Snode target = state.smap().targets().get(sessionTarget);
      if (target == null) {
        throw new JaisException(ErrorCode.NOT_FOUND, "append session of " + bucket.uri() + "/" + name
            + " belongs to target " + sessionTarget + ", which is not in the cluster");
      }
      return target;
    }
    Snode target = Smap.owner(activeTargets(), bucket, name);
    if (target == null) {
      throw new JaisException(ErrorCode.UNAVAILABLE, "no targets in the cluster to store " + bucket.uri() + "/" + name);
    }
    return target;
  }

  private List<Snode> activeTargets() {
    Smap smap = state.smap();
    Placement current = placement;
    if (current.smap() != smap) {
      current = new Placement(smap, smap.activeTargets());
      placement = current;
    }
    return current.activeTargets();
  }

  /**
   * The target URL plus the request's own path and query, verbatim (already percent-encoded by
   * the client, so names with {@code ? # %} survive the second hop), plus the redirect markers.
   */
  private String location(Snode target, String rawUri) {
    String url = target.url();
    StringBuilder sb = new StringBuilder(url.length() + rawUri.length() + markers.length() + 16);
    sb.append(url).append(rawUri).append(rawUri.indexOf('?') < 0 ? '?' : '&').append(markers);
    // utm: nanoseconds since the epoch in base 36, as AIS
    return sb.append(Long.toString(System.currentTimeMillis() * 1_000_000L, 36)).toString();
  }
}
