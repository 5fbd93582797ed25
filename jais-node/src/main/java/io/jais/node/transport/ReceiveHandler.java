package io.jais.node.transport;

/**
 * Consumes objects sent under one name ({@code trname}): registered with {@link
 * ObjectStreams#register}, called on a virtual thread of its own per object, possibly for several
 * objects at once (from several peers and connections), so it must be thread-safe. It may block.
 *
 * <p>Returning acknowledges the object as OK; throwing acknowledges it with an error: a {@link
 * io.jais.api.error.JaisException} with its code and message, anything else as {@code INTERNAL}.
 * The ack goes out right after the handler returns, even if it did not read the whole body (the
 * rest is drained).
 */
@FunctionalInterface
public interface ReceiveHandler {
  void receive(InboundObject object) throws Exception;
}
