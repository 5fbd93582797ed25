package io.jais.node.storage;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.util.Comparator;

/**
 * Rules for object names, which arrive untrusted from clients and become file paths.
 *
 * <p>A name is 1..{@value #MAX_BYTES} bytes of UTF-8, without NUL, unpaired surrogates, a leading
 * {@code /}, empty components ({@code a//b}, trailing {@code /}), {@code .} or {@code ..}
 * components, or the reserved first component {@value #LONG_NAMES}. A name with a component over
 * {@value #MAX_COMPONENT_BYTES} bytes (the filesystem's limit) is valid too, like in AIS: {@link Fqn}
 * stores it under a hash in the reserved {@value #LONG_NAMES} directory, which no regular name can
 * reach.
 */
public final class ObjectName {
  public static final int MAX_BYTES = 1024;
  /** The longest path component a filesystem file name can hold; longer ones are {@link #shortened}. */
  public static final int MAX_COMPONENT_BYTES = 255;
  /** The directory (under {@code %ob} and {@code %md}) of objects stored under a hash of their name. */
  public static final String LONG_NAMES = ".jais-long";

  /**
   * Orders names by their UTF-8 bytes (= code point order), the order of AIS listings.
   * {@link String#compareTo} compares UTF-16 units, which sorts supplementary characters before
   * U+E000..U+FFFF.
   */
  public static final Comparator<String> UTF8_ORDER = ObjectName::compareUtf8;

  private ObjectName() {}

  /**
   * Checks an object name.
   *
   * @throws JaisException INVALID_NAME naming {@code ais://bucket/object} and the broken rule
   */
  public static String validate(Bucket bucket, String name) {
    String problem = problem(name == null ? "" : name, false);
    if (problem != null) {
      throw new JaisException(ErrorCode.INVALID_NAME,
          "invalid object name " + bucket.uri() + "/" + name + ": " + problem);
    }
    return name;
  }

  /** Whether a valid name has a component over {@value #MAX_COMPONENT_BYTES} bytes (see {@link Fqn}). */
  public static boolean shortened(String name) {
    if (name.length() <= MAX_COMPONENT_BYTES / 3) {
      return false; // at most 3 UTF-8 bytes per UTF-16 unit
    }
    int componentBytes = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/') {
        componentBytes = 0;
      } else {
        // a surrogate pair is 4 bytes: 2 per unit
        componentBytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        if (componentBytes > MAX_COMPONENT_BYTES) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Checks a listing prefix: the rules of a name, except that it may be empty and may end with
   * {@code /}.
   */
  public static String validatePrefix(Bucket bucket, String prefix) {
    String problem = prefix.isEmpty() ? null : problem(prefix, true);
    if (problem != null) {
      throw new JaisException(ErrorCode.INVALID_NAME,
          "invalid prefix \"" + prefix + "\" for " + bucket.uri() + ": " + problem);
    }
    return prefix;
  }

  /** The broken rule, or null when the name is valid. */
  private static String problem(String name, boolean prefix) {
    if (name.isEmpty()) {
      return "empty name";
    }
    if (name.charAt(0) == '/') {
      return "must not start with '/'";
    }
    int totalBytes = 0;
    int componentStart = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '/') {
        String problem = componentProblem(name, componentStart, i, false);
        if (problem != null) {
          return problem;
        }
        componentStart = i + 1;
        totalBytes++;
        continue;
      }
      int bytes = utf8Length(name, i);
      if (bytes < 0) {
        return c == 0 ? "contains NUL" : "contains an unpaired surrogate at index " + i;
      }
      if (bytes == 4) {
        i++;
      }
      totalBytes += bytes;
    }
    if (totalBytes > MAX_BYTES) {
      return "too long: " + totalBytes + " bytes (expected: at most " + MAX_BYTES + ")";
    }
    boolean trailingSlash = componentStart == name.length();
    if (trailingSlash) {
      return prefix ? null : "must not end with '/'";
    }
    // a prefix's last component may be the start of a longer one (".jais-long" of ".jais-longer")
    return componentProblem(name, componentStart, name.length(), prefix);
  }

  private static String componentProblem(String name, int start, int end, boolean partial) {
    if (start == end) {
      return "empty path component";
    }
    // compared in place: every GET and redirect validates its name, the substring is for the message
    int length = end - start;
    if (name.charAt(start) == '.' && (length == 1 || (length == 2 && name.charAt(start + 1) == '.'))) {
      return "path component \"" + name.substring(start, end) + "\" is not allowed";
    }
    if (start == 0 && !partial && length == LONG_NAMES.length() && name.startsWith(LONG_NAMES)) {
      return "first path component \"" + LONG_NAMES + "\" is reserved";
    }
    return null;
  }

  /** UTF-8 length of the code point at i (4 for a surrogate pair), or -1 for NUL or a lone surrogate. */
  private static int utf8Length(String s, int i) {
    char c = s.charAt(i);
    if (c == 0) {
      return -1;
    }
    if (c < 0x80) {
      return 1;
    }
    if (c < 0x800) {
      return 2;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)) ? 4 : -1;
    }
    return Character.isLowSurrogate(c) ? -1 : 3;
  }

  private static int compareUtf8(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char ca = a.charAt(i);
      char cb = b.charAt(i);
      if (ca != cb) {
        return codePointRank(ca) - codePointRank(cb);
      }
    }
    return a.length() - b.length();
  }

  // Surrogates (U+D800..DFFF) encode code points above U+FFFF: move them above U+E000..FFFF.
  private static int codePointRank(char c) {
    if (c < 0xD800) {
      return c;
    }
    return c >= 0xE000 ? c - 0x800 : c + 0x2000;
  }
}
