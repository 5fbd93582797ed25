package io.jais.node.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Single parameters read straight from a still-encoded request target, without building the map
 * of all of them: the hot paths (the proxy's redirect, a target's cached GET) ask for two or three
 * names, and the map cost more than the rest of the handler (docs/performance.md). Parses as
 * {@link Request#queryParams()} does: {@code &} separates, {@code ;} is an ordinary character,
 * {@code #} ends the query, {@code +} and {@code %XX} are decoded, a name without {@code =} has
 * the empty value, leading {@code =} of a parameter are dropped, empty names are skipped.
 */
final class RawQuery {
  private RawQuery() {}

  /** The first value of {@code name} in the query of {@code uri}, decoded; null when absent. */
  static String first(String uri, String name) {
    for (Params p = new Params(uri); p.next(); ) {
      if (nameEquals(uri, p.nameStart, p.nameEnd, name)) {
        return p.valueStart < 0 ? "" : decode(uri, p.valueStart, p.stop);
      }
    }
    return null;
  }

  /** Whether every parameter name in the query of {@code uri} is one of {@code allowed}. */
  static boolean namesWithin(String uri, Set<String> allowed) {
    for (Params p = new Params(uri); p.next(); ) {
      if (!isOneOf(uri, p.nameStart, p.nameEnd, allowed)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Walks the parameters of a query in place, one per {@link #next()}: where its name starts and
   * ends, where its value starts (-1 without {@code =}) and where it stops. A cursor instead of
   * substrings, so the per-request scans allocate nothing the JIT cannot take away.
   */
  private static final class Params {
    private final String uri;
    private final int end;
    private int start;
    int nameStart;
    int nameEnd;
    int valueStart;
    int stop;

    Params(String uri) {
      this.uri = uri;
      this.end = end(uri);
      this.start = uri.indexOf('?') + 1;
    }

    /** Moves to the next parameter with a non-empty name; false at the end of the query. */
    boolean next() {
      while (start > 0 && start < end) {
        int amp = uri.indexOf('&', start);
        stop = amp < 0 || amp > end ? end : amp;
        int from = start;
        start = stop + 1;
        while (from < stop && uri.charAt(from) == '=') {
          from++; // as Netty's decoder: leading '=' are dropped, "=a=b" is a=b
        }
        int eq = indexOf(uri, '=', from, stop);
        nameStart = from;
        nameEnd = eq < 0 ? stop : eq;
        valueStart = eq < 0 ? -1 : eq + 1;
        if (nameEnd > nameStart) {
          return true;
        }
      }
      return false;
    }
  }

  // A plain name is compared in place (no substring per parameter on every fast-path GET).
  private static boolean isOneOf(String uri, int from, int to, Set<String> names) {
    if (needsDecoding(uri, from, to)) {
      return names.contains(decode(uri, from, to));
    }
    for (String name : names) {
      if (name.length() == to - from && uri.regionMatches(from, name, 0, name.length())) {
        return true;
      }
    }
    return false;
  }

  private static int end(String uri) {
    int hash = uri.indexOf('#');
    return hash < 0 ? uri.length() : hash;
  }

  private static int indexOf(String s, char c, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == c) {
        return i;
      }
    }
    return -1;
  }

  private static boolean nameEquals(String uri, int from, int to, String name) {
    if (!needsDecoding(uri, from, to)) {
      return to - from == name.length() && uri.regionMatches(from, name, 0, name.length());
    }
    return name.equals(decode(uri, from, to));
  }

  private static String decode(String uri, int from, int to) {
    String raw = uri.substring(from, to);
    return needsDecoding(uri, from, to)
        ? QueryStringDecoder.decodeComponent(raw, StandardCharsets.UTF_8)
        : raw;
  }

  private static boolean needsDecoding(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '%' || c == '+') {
        return true;
      }
    }
    return false;
  }
}
