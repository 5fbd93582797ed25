package io.jais.node.http;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled path pattern such as {@code /v1/objects/{bucket}/{object...}}: literal segments,
 * {@code {name}} (exactly one segment) and a final {@code {name...}} (the rest of the path, slashes
 * included, never empty).
 */
final class RoutePattern implements Comparable<RoutePattern> {
  private static final byte LITERAL = 0;
  private static final byte PARAM = 1;
  private static final byte TAIL = 2;

  private final String text;
  private final String[] literals; // per segment; null for parameters
  private final byte[] kinds;
  private final String[] paramNames;

  private RoutePattern(String text, String[] literals, byte[] kinds, String[] paramNames) {
    this.text = text;
    this.literals = literals;
    this.kinds = kinds;
    this.paramNames = paramNames;
  }

  static RoutePattern compile(String text) {
    if (!text.startsWith("/")) {
      throw new IllegalArgumentException("pattern must start with '/': " + text);
    }
    String[] parts = text.length() == 1 ? new String[0] : text.substring(1).split("/", -1);
    String[] literals = new String[parts.length];
    byte[] kinds = new byte[parts.length];
    List<String> names = new ArrayList<>();
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (part.startsWith("{") && part.endsWith("}")) {
        String name = part.substring(1, part.length() - 1);
        boolean tail = name.endsWith("...");
        if (tail && i != parts.length - 1) {
          throw new IllegalArgumentException("{name...} must be the last segment: " + text);
        }
        name = tail ? name.substring(0, name.length() - 3) : name;
        if (name.isEmpty() || names.contains(name)) {
          throw new IllegalArgumentException("empty or repeated parameter name in " + text);
        }
        names.add(name);
        kinds[i] = tail ? TAIL : PARAM;
      } else if (part.isEmpty() || part.contains("{") || part.contains("}")) {
        throw new IllegalArgumentException("bad segment '" + part + "' in " + text);
      } else {
        literals[i] = part;
        kinds[i] = LITERAL;
      }
    }
    return new RoutePattern(text, literals, kinds, names.toArray(String[]::new));
  }

  String text() {
    return text;
  }

  String[] paramNames() {
    return paramNames;
  }

  /**
   * Matches the raw path's segments ({@code starts[i]} and {@code ends[i]} index {@code path}).
   * Returns the decoded parameter values in {@link #paramNames()} order, or null if no match.
   */
  String[] match(String path, int[] starts, int[] ends, int count) {
    boolean tail = kinds.length > 0 && kinds[kinds.length - 1] == TAIL;
    if (tail ? count < kinds.length : count != kinds.length) {
      return null;
    }
    for (int i = 0; i < kinds.length; i++) {
      if (kinds[i] == LITERAL
          && !path.regionMatches(starts[i], literals[i], 0, literals[i].length())) {
        return null;
      }
      if (kinds[i] == LITERAL && ends[i] - starts[i] != literals[i].length()) {
        return null;
      }
      if (kinds[i] == PARAM && ends[i] == starts[i]) {
        return null; // "//" never binds an empty name
      }
    }
    if (tail && ends[count - 1] == starts[kinds.length - 1]) {
      return null; // an empty remainder: the pattern without the tail serves it
    }
    String[] values = new String[paramNames.length];
    int v = 0;
    for (int i = 0; i < kinds.length; i++) {
      if (kinds[i] == PARAM) {
        values[v++] = PercentDecoder.decode(path, starts[i], ends[i]);
      } else if (kinds[i] == TAIL) {
        // one decode over the raw remainder: %2F and '/' both end up as '/'
        values[v++] = PercentDecoder.decode(path, starts[i], ends[count - 1]);
      }
    }
    return values;
  }

  /** More specific first: at the first differing segment, literal beats parameter beats tail. */
  @Override
  public int compareTo(RoutePattern other) {
    int n = Math.min(kinds.length, other.kinds.length);
    for (int i = 0; i < n; i++) {
      if (kinds[i] != other.kinds[i]) {
        return Byte.compare(kinds[i], other.kinds[i]);
      }
    }
    return Integer.compare(other.kinds.length, kinds.length);
  }

  @Override
  public String toString() {
    return text;
  }
}
