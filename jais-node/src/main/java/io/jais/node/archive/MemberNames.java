package io.jais.node.archive;

/**
 * What a member's name may be. A name is used as the tail of an object name ({@code shard/member}
 * in listings, get-batch output) and may be extracted by clients, so a name that would climb out of
 * the shard ({@code ..} as a path segment), start at the root or hold a NUL makes the shard
 * unreadable rather than being passed on.
 */
final class MemberNames {
  private MemberNames() {}

  /** Null when the name is acceptable, else why not. */
  static String problem(String name) {
    if (name.isEmpty()) {
      return "a member without a name";
    }
    if (name.startsWith("/") || name.startsWith("\\")) {
      return "member \"" + name + "\" has an absolute path";
    }
    if (name.indexOf('\0') >= 0) {
      return "member name with a NUL byte";
    }
    for (String segment : name.split("[/\\\\]", -1)) {
      if (segment.equals("..")) {
        return "member \"" + name + "\" climbs out of the archive (..)";
      }
    }
    return null;
  }
}
