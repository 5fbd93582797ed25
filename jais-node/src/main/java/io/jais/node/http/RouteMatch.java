package io.jais.node.http;

import io.netty.handler.codec.http.HttpMethod;

/**
 * The outcome of a route lookup: the route and its decoded path parameters. A failed lookup is a
 * route whose handler throws, so 404/405 travel the same path as every other error.
 */
record RouteMatch(Route route, String[] paramNames, String[] paramValues, String allow) {
  private static final String[] NONE = new String[0];

  RouteMatch(Route route, String[] paramNames, String[] paramValues) {
    this(route, paramNames, paramValues, null);
  }

  static RouteMatch failing(
      HttpMethod method, String path, RuntimeException failure, ErrorRenderer renderer) {
    Handler thrower =
        request -> {
          throw failure;
        };
    return new RouteMatch(new Route(method, path, thrower, renderer), NONE, NONE, null);
  }

  /** Adds the {@code Allow} header value a 405 carries. */
  RouteMatch withAllow(String allowed) {
    return new RouteMatch(route, paramNames, paramValues, allowed);
  }

  /** The decoded value of a path parameter, or null if the pattern has no such parameter. */
  String param(String name) {
    for (int i = 0; i < paramNames.length; i++) {
      if (paramNames[i].equals(name)) {
        return paramValues[i];
      }
    }
    return null;
  }
}
