package io.jais.node.http;

import java.io.OutputStream;

/**
 * A response body produced while it is sent. The stream blocks while the client is slower than the
 * producer, and sends chunked encoding unless the response set a {@code Content-Length}, in which
 * case exactly that many bytes must be written. Closing the stream is optional.
 */
@FunctionalInterface
public interface StreamBody {
  void writeTo(OutputStream out) throws Exception;
}
