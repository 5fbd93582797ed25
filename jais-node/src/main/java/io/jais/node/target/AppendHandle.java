package io.jais.node.target;

import io.jais.api.error.JaisException;

/**
 * Append handles as clients see them: {@code <target id>|<store handle>}. The prefix lets any
 * proxy route every append of one session to the target that holds its work file
 * (docs/native-api.md#objects).
 */
public final class AppendHandle {
  private AppendHandle() {}

  public static String of(String targetId, String storeHandle) {
    return targetId + "|" + storeHandle;
  }

  /** The target a handle belongs to, or null for an empty or foreign-format handle. */
  public static String targetOf(String handle) {
    int bar = handle == null ? -1 : handle.indexOf('|');
    return bar <= 0 ? null : handle.substring(0, bar);
  }

  /** The store's part of a handle issued by this target; empty for a new session. */
  static String localPart(String handle, String selfId) {
    if (handle.isEmpty()) {
      return "";
    }
    String owner = targetOf(handle);
    if (!selfId.equals(owner)) {
      throw JaisException.invalid("append handle \"" + handle + "\" was not issued by target " + selfId);
    }
    return handle.substring(owner.length() + 1);
  }
}
