package io.jais.node.transport;

import io.netty.buffer.ByteBufUtil;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** The receive handlers of one node by name; looked up for every object received. */
final class ReceiveHandlers {
  private final ConcurrentHashMap<String, ReceiveHandler> byName = new ConcurrentHashMap<>();

  /**
   * @throws IllegalStateException when the name is taken
   * @throws IllegalArgumentException when the name is empty or longer than 255 bytes
   */
  Registration register(String trname, ReceiveHandler handler) {
    Objects.requireNonNull(handler, "handler");
    int length = ByteBufUtil.utf8Bytes(Objects.requireNonNull(trname, "trname"));
    if (length == 0 || length > 255) {
      throw new IllegalArgumentException("trname \"" + trname + "\": expected 1..255 bytes");
    }
    if (byName.putIfAbsent(trname, handler) != null) {
      throw new IllegalStateException("a receive handler named \"" + trname + "\" is registered already");
    }
    return new Registration(() -> byName.remove(trname, handler), trname);
  }

  ReceiveHandler get(String trname) {
    return byName.get(trname);
  }
}
