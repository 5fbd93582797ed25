/**
 * The HTTP front door: the only code in the node that sees HTTP.
 *
 * <p>Netty parses requests and writes responses on its event loops; every handler runs on its own
 * virtual thread and may block, except the few registered to run on the event loop: {@code
 * routeNonBlocking} (pure computations) and a {@code routeWithFastPath} fast path, which answers
 * from memory or passes the request on to its virtual-thread handler. Request bodies stream in through a bounded queue ({@link
 * io.jais.node.http.Request#body()}), so a slow handler stops the socket instead of buffering; a
 * response body is bytes, JSON, a zero-copy file region, or a stream written with back-pressure.
 *
 * <p>Entry points: {@link io.jais.node.http.RouteTable} (what runs for which path), {@link
 * io.jais.node.http.NettyServer} (start/stop), {@link io.jais.node.http.Handler}, {@link
 * io.jais.node.http.Request}, {@link io.jais.node.http.Response}. {@link
 * io.jais.node.http.ErrorMapper} is the one place a {@code Throwable} becomes an error response.
 */
package io.jais.node.http;
