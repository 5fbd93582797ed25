/**
 * The HTTP front door: the only code in the node that sees HTTP.
 *
 * <p>Netty parses requests and writes responses on its event loops; every handler runs on its own
 * virtual thread and may block. Request bodies stream in through a bounded queue ({@link
 * io.jais.node.http.Request#body()}), so a slow handler stops the socket instead of buffering; a
 * response body is bytes, JSON, a zero-copy file region, or a stream written with back-pressure.
 *
 * <p>Entry points: {@link io.jais.node.http.RouteTable} (what runs for which path), {@link
 * io.jais.node.http.NettyServer} (start/stop), {@link io.jais.node.http.Handler}, {@link
 * io.jais.node.http.Request}, {@link io.jais.node.http.Response}. {@link
 * io.jais.node.http.ErrorMapper} is the one place a {@code Throwable} becomes an error response.
 */
package io.jais.node.http;
