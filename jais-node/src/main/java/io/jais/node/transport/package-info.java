/**
 * Target-to-target object streams: long-lived, authenticated TCP connections on each target's data
 * port that carry objects (a header, then the body) for copy jobs, rebalance, mirroring and
 * erasure coding, each acknowledged by the receiver once its handler has returned.
 *
 * <p>Entry points: {@link io.jais.node.transport.ObjectStreams} (one per target: the listening
 * side and the connections to peers), {@link io.jais.node.transport.ReceiveHandler} (what a
 * receiver registers under a name), {@link io.jais.node.transport.ObjectHeader}, {@link
 * io.jais.node.transport.Body} and {@link io.jais.node.transport.Ack}.
 *
 * <p>A network front of its own, like the HTTP server: it owns its Netty event loops and channels,
 * and must not depend on the HTTP, proxy, target or S3 packages (the layers above use it).
 */
package io.jais.node.transport;
