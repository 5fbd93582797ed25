package io.jais.node.storage;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.util.Comparator;

/**
 * Rules for object names, which arrive untrusted from clients and may become file paths.
 *
 * <p>A name is 1..{@value #MAX_BYTES} bytes of UTF-8 without NUL or unpaired surrogates: every key
 * S3 stores, folder markers ({@code dir/}), {@code a//b}, {@code /lead} and {@code a/../b}
 * included. Whether a name can also be a plain path under {@code %ob} is {@link #plain}: a name
 * that cannot ({@code .}/{@code ..} or empty components, a component over
 * {@value #MAX_COMPONENT_BYTES} bytes, the reserved first component {@value #ESCAPED}) is stored
 * in the escaped form instead ({@link Fqn}), where no component of it ever touches the filesystem.
 */
public final class ObjectName {
  public static final int MAX_BYTES = 1024;
  /** The longest path component a filesystem file name can hold. */
  public static final int MAX_COMPONENT_BYTES = 255;
  /**
   * The directory (under {@code %ob} and {@code %md}) of objects stored under a hash of their name
   * (the escaped form). Its name dates from when only over-long names went there.
   */
  public static final String ESCAPED = ".jais-long";

  /**
   * Orders names by their UTF-8 bytes (= code point order), the order of AIS listings.
   * {@link String#compareTo} compares UTF-16 units, which sorts supplementary characters before
   * U+E000..U+FFFF.
   */
  public static final Comparator<String> UTF8_ORDER = ObjectName::compareUtf8;

  /** Whether the JVM maps file names to UTF-8 bytes; if not, only ASCII names can be plain paths. */
  private static final boolean UTF8_PATHS =
      "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding", "UTF-8"));

  private ObjectName() {}

  /**
   * Checks an object name.
   *
   * @throws JaisException INVALID_NAME naming {@code ais://bucket/object} and the broken rule
   */
  public static String validate(Bucket bucket, String name) {
    String problem = name == null || name.isEmpty() ? "empty name" : problem(name);
    if (problem != null) {
      throw new JaisException(ErrorCode.INVALID_NAME,
          "invalid object name " + bucket.uri() + "/" + name + ": " + problem);
    }
    return name;
  }

  /**
   * Checks a listing prefix: the rules of a name, except that it may be empty. Any valid prefix
   * answers a listing, empty when nothing matches.
   */
  public static String validatePrefix(Bucket bucket, String prefix) {
    String problem = prefix.isEmpty() ? null : problem(prefix);
    if (problem != null) {
      throw new JaisException(ErrorCode.INVALID_NAME,
          "invalid prefix \"" + prefix + "\" for " + bucket.uri() + ": " + problem);
    }
    return prefix;
  }

  /**
   * Whether a valid name can be a plain file path under {@code %ob}: no leading or trailing
   * {@code /}, no empty, {@code .} or {@code ..} component, no component over
   * {@value #MAX_COMPONENT_BYTES} bytes, first component not {@value #ESCAPED}, only ASCII when
   * the JVM's file names are not UTF-8. Whether the path is
   * free (no object is a file where this one needs a directory, or the reverse) is decided when
   * it is written ({@link ObjectFiles}).
   */
  public static boolean plain(String name) {
    if (name.startsWith(ESCAPED) && (name.length() == ESCAPED.length() || name.charAt(ESCAPED.length()) == '/')) {
      return false;
    }
    int start = 0;
    for (int i = 0; i <= name.length(); i++) {
      if (i == name.length() || name.charAt(i) == '/') {
        if (!plainComponent(name, start, i)) {
          return false;
        }
        start = i + 1;
      }
    }
    return true;
  }

  /** Whether one component can be a file name: not empty, {@code .} or {@code ..}, at most 255 bytes. */
  private static boolean plainComponent(String name, int start, int end) {
    int length = end - start;
    if (length == 0) {
      return false;
    }
    if (name.charAt(start) == '.' && (length == 1 || (length == 2 && name.charAt(start + 1) == '.'))) {
      return false;
    }
    if (length <= MAX_COMPONENT_BYTES / 3 && UTF8_PATHS) {
      return true; // at most 3 UTF-8 bytes per UTF-16 unit
    }
    int bytes = 0;
    for (int i = start; i < end; i++) {
      char c = name.charAt(i);
      if (c >= 0x80 && !UTF8_PATHS) {
        return false;
      }
      // a surrogate pair is 4 bytes: 2 per unit
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }
    return bytes <= MAX_COMPONENT_BYTES;
  }

  /** The broken rule of a non-empty name or prefix, or null when it is valid. */
  private static String problem(String name) {
    int totalBytes = 0;
    for (int i = 0; i < name.length(); i++) {
      int bytes = utf8Length(name, i);
      if (bytes < 0) {
        return name.charAt(i) == 0 ? "contains NUL" : "contains an unpaired surrogate at index " + i;
      }
      if (bytes == 4) {
        i++;
      }
      totalBytes += bytes;
    }
    if (totalBytes > MAX_BYTES) {
      return "too long: " + totalBytes + " bytes (expected: at most " + MAX_BYTES + ")";
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
