package io.jais.node.transport;

import io.jais.node.storage.ByteBufSource;

/**
 * One object as its receive handler gets it.
 *
 * @param senderId the sending node's ID, as proven in the connection's handshake
 * @param header what the sender put in front of the body
 * @param headerOnly true for a message without a body ({@link Body#none()}); {@code body} is empty
 * @param body the bytes as they arrive, pulled with back-pressure: {@code declaredLength()} is the
 *     body's length or -1 when the sender streams one of unknown length. {@code next()} fails with
 *     an {@link java.io.IOException} when the body is cut short (connection lost, the sender's
 *     source failed), so a handler that writes it to a work file leaves nothing behind. Unread
 *     bytes are drained once the handler returns; each returned buffer must be released.
 */
public record InboundObject(String senderId, ObjectHeader header, boolean headerOnly, ByteBufSource body) {}
