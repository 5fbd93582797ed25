package io.jais.node.http;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Which handler serves which method and path; immutable once built, shared by all connections.
 *
 * <p>Patterns: {@code /v1/buckets} (literals), {@code {name}} (one non-empty segment, decoded),
 * {@code {name...}} (last only: the rest of the path including '/', decoded once, never empty). The
 * raw path is split on '/' first and each captured part is percent-decoded exactly once, so {@code
 * %2F} inside an object name becomes a '/' of that name.
 *
 * <p>Resolution: patterns are tried most specific first (at the first differing segment a literal
 * beats {@code {name}}, which beats {@code {name...}}); the first one that matches the path
 * <em>and</em> has the method wins. If patterns match but none has the method: 405. If nothing
 * matches and the path ends in '/', that one trailing slash is dropped and matching is retried, so
 * {@code /v1/buckets/b/} reaches {@code /v1/buckets/{bucket}} while {@code /v1/objects/b/dir/}
 * still names the object {@code dir/}. An empty remainder never binds a {@code {name...}}: register
 * the pattern without the tail to serve it.
 */
public final class RouteTable {
  /** Paths under this prefix are intra-cluster routes: nodes of the cluster only. */
  public static final String INTERNAL_PREFIX = "/v1/internal/";

  /** An object name of 1024 slashes is a valid S3 key: 1025 segments, plus the route's own. */
  private static final int MAX_SEGMENTS = 1040;

  private final Entry[] entries;
  private final ErrorRenderer defaultRenderer;
  private final TargetRewriter rewriter;

  private RouteTable(Entry[] entries, ErrorRenderer defaultRenderer, TargetRewriter rewriter) {
    this.entries = entries;
    this.defaultRenderer = defaultRenderer;
    this.rewriter = rewriter;
  }

  /**
   * Rewrites a request target before routing, from what only the headers say (the S3 bucket named
   * by a virtual-hosted-style {@code Host}). Runs on the event loop: in-memory only.
   */
  @FunctionalInterface
  public interface TargetRewriter {
    /** The request target to route instead of {@code uri}, or null to route {@code uri}. */
    String rewrite(String host, String uri);
  }

  /**
   * The renderer for a request the decoder could not parse (oversized headers): that of the route
   * its path would have taken, so S3 clients get an S3 error; the default when there is none.
   */
  ErrorRenderer rendererFor(io.netty.handler.codec.http.HttpRequest head) {
    try {
      return match(head.method(), HttpDispatcher.pathOf(routedUri(head))).route().errorRenderer();
    } catch (RuntimeException e) {
      return defaultRenderer;
    }
  }

  /** The request target to route: the one sent, unless the rewriter replaces it. */
  String routedUri(io.netty.handler.codec.http.HttpRequest head) {
    String uri = head.uri();
    if (rewriter == null) {
      return uri;
    }
    String rewritten = rewriter.rewrite(head.headers().get(io.netty.handler.codec.http.HttpHeaderNames.HOST), uri);
    return rewritten != null ? rewritten : uri;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The renderer for errors that belong to no route (404, malformed requests). */
  public ErrorRenderer defaultRenderer() {
    return defaultRenderer;
  }

  /** Finds the route for a request; never null: unknown paths and methods get a failing route. */
  RouteMatch match(HttpMethod method, String path) {
    int[] starts = new int[8];
    int[] ends = new int[8];
    int count = 0;
    if (path.length() > 1) { // "/" has no segments
      int from = path.charAt(0) == '/' ? 1 : 0;
      for (int i = from; i <= path.length(); i++) {
        if (i < path.length() && path.charAt(i) != '/') {
          continue;
        }
        if (count == starts.length) {
          if (count >= MAX_SEGMENTS) {
            throw JaisException.invalid("too many path segments: more than " + MAX_SEGMENTS);
          }
          starts = Arrays.copyOf(starts, count * 2);
          ends = Arrays.copyOf(ends, count * 2);
        }
        starts[count] = from;
        ends[count++] = i;
        from = i + 1;
      }
    }
    RouteMatch found = matchSegments(method, path, starts, ends, count);
    if (found == null && count > 0 && starts[count - 1] == ends[count - 1]) {
      found = matchSegments(method, path, starts, ends, count - 1);
    }
    return found != null ? found : notFound(method, path);
  }

  private RouteMatch matchSegments(
      HttpMethod method, String path, int[] starts, int[] ends, int count) {
    Entry methodless = null;
    for (Entry entry : entries) {
      String[] values = entry.pattern.match(path, starts, ends, count);
      if (values == null) {
        continue;
      }
      Route route = entry.routes.get(method);
      if (route != null) {
        return new RouteMatch(route, entry.pattern.paramNames(), values);
      }
      if (methodless == null) {
        methodless = entry;
      }
    }
    return methodless == null ? null : methodNotAllowed(method, path, methodless);
  }

  private RouteMatch notFound(HttpMethod method, String path) {
    String message = "invalid route: " + method + " " + path + " (no such endpoint)";
    return RouteMatch.failing(
        method, path, new JaisException(ErrorCode.NOT_FOUND, message), defaultRenderer);
  }

  private static RouteMatch methodNotAllowed(HttpMethod method, String path, Entry entry) {
    StringJoiner allowed = new StringJoiner(", ");
    entry.routes.keySet().forEach(m -> allowed.add(m.name()));
    String message =
        "method " + method + " is not allowed for " + path + " (allowed: " + allowed + ")";
    Route any = entry.routes.values().iterator().next();
    RouteMatch match =
        RouteMatch.failing(
            method,
            path,
            new JaisException(ErrorCode.METHOD_NOT_ALLOWED, message),
            any.errorRenderer());
    return match.withAllow(allowed.toString());
  }

  /** One pattern and its handlers by method. */
  private record Entry(RoutePattern pattern, Map<HttpMethod, Route> routes) {}

  /** Collects routes; {@link #build()} orders them by specificity. */
  public static final class Builder {
    private final Map<String, Entry> byPattern = new LinkedHashMap<>();
    private ErrorRenderer defaultRenderer = AisErrorRenderer.INSTANCE;
    private TargetRewriter rewriter;

    private Builder() {}

    /** Sets the one rewriter of request targets (see {@link TargetRewriter}). */
    public Builder rewriter(TargetRewriter rewriter) {
      this.rewriter = Objects.requireNonNull(rewriter);
      return this;
    }

    /**
     * Routes a method and pattern to a handler whose errors render as AIS JSON. Patterns under
     * {@value #INTERNAL_PREFIX} serve cluster nodes only, as {@link #intraRoute} does.
     */
    public Builder route(HttpMethod method, String pattern, Handler handler) {
      return route(method, pattern, handler, defaultRenderer);
    }

    /**
     * Routes a method and pattern to a handler that serves nodes of the cluster only: requests
     * without valid intra-cluster credentials get 401/403 and never reach it.
     */
    public Builder intraRoute(HttpMethod method, String pattern, Handler handler) {
      return route(method, pattern, handler, defaultRenderer, false, null, true);
    }

    /**
     * Routes a method and pattern to a handler that runs on the event loop, for pure computations
     * on in-memory state (the proxy's redirects): it must never block, not even on the request
     * body, which it may not read.
     */
    public Builder routeNonBlocking(HttpMethod method, String pattern, Handler handler) {
      return route(method, pattern, handler, defaultRenderer, true, null, false);
    }

    /**
     * Routes a method and pattern to {@code handler} on a virtual thread, trying {@code fastPath}
     * on the event loop first: it answers what it can from memory (never blocking, never reading
     * the body) and returns null for everything else, which then goes to {@code handler}. Saves
     * the thread hand-off for the common case (a GET of a hot object). Errors render as AIS JSON.
     */
    public Builder routeWithFastPath(HttpMethod method, String pattern, Handler fastPath, Handler handler) {
      return route(method, pattern, handler, defaultRenderer, false, Objects.requireNonNull(fastPath), false);
    }

    /** Routes a method and pattern to a handler whose errors use {@code errorRenderer}. */
    public Builder route(
        HttpMethod method, String pattern, Handler handler, ErrorRenderer errorRenderer) {
      return route(method, pattern, handler, errorRenderer, false, null, false);
    }

    private Builder route(HttpMethod method, String pattern, Handler handler, ErrorRenderer errorRenderer,
        boolean nonBlocking, Handler fastPath, boolean intraOnly) {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(handler, "handler");
      Objects.requireNonNull(errorRenderer, "errorRenderer");
      Entry entry =
          byPattern.computeIfAbsent(
              pattern, p -> new Entry(RoutePattern.compile(p), new LinkedHashMap<>()));
      Route route = new Route(method, pattern, handler, errorRenderer, nonBlocking, fastPath,
          intraOnly || pattern.startsWith(INTERNAL_PREFIX), Meter.NONE);
      if (entry.routes.putIfAbsent(method, route) != null) {
        throw new IllegalArgumentException("duplicate route: " + method + " " + pattern);
      }
      return this;
    }

    /**
     * Tags a route registered before with what it counts: a {@link Meter}, or a selector when the
     * route serves several kinds of operation.
     *
     * @throws IllegalArgumentException no route has this method and pattern
     */
    public Builder meter(HttpMethod method, String pattern, MeterSelector selector) {
      Objects.requireNonNull(selector, "selector");
      Entry entry = byPattern.get(pattern);
      Route route = entry == null ? null : entry.routes.get(method);
      if (route == null) {
        throw new IllegalArgumentException("no route " + method + " " + pattern + " to meter");
      }
      entry.routes.put(method, route.withMeter(selector));
      return this;
    }

    /** The renderer for 404s and malformed requests that match no route; default AIS JSON. */
    public Builder defaultErrorRenderer(ErrorRenderer renderer) {
      this.defaultRenderer = Objects.requireNonNull(renderer);
      return this;
    }

    public RouteTable build() {
      List<Entry> sorted = new ArrayList<>(byPattern.values());
      sorted.sort((a, b) -> a.pattern.compareTo(b.pattern));
      Entry[] frozen =
          sorted.stream()
              .map(
                  e ->
                      new Entry(
                          e.pattern, Collections.unmodifiableMap(new LinkedHashMap<>(e.routes))))
              .toArray(Entry[]::new);
      return new RouteTable(frozen, defaultRenderer, rewriter);
    }
  }
}
