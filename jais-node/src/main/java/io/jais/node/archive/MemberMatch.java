package io.jais.node.archive;

import io.jais.api.error.JaisException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which members of a shard a GET with {@code archregx} and {@code archmode} selects, by AIS's
 * modes: {@code regexp} (the pattern found anywhere in the name), {@code prefix}, {@code suffix},
 * {@code substr}, and {@code wdskey} (the name without its extension equals the pattern: a
 * WebDataset sample key). An empty pattern (or {@code *}) selects every member.
 */
public final class MemberMatch {
  public static final String REGEXP = "regexp";
  public static final String PREFIX = "prefix";
  public static final String SUFFIX = "suffix";
  public static final String SUBSTR = "substr";
  public static final String WDSKEY = "wdskey";

  private final String mode;
  private final String pattern;
  private final Pattern regex;

  private MemberMatch(String mode, String pattern, Pattern regex) {
    this.mode = mode;
    this.pattern = pattern;
    this.regex = regex;
  }

  /**
   * A selection; the mode defaults to {@code regexp}, as AIS's.
   *
   * @throws JaisException 400 for an unknown mode or a malformed regular expression
   */
  public static MemberMatch of(String pattern, String mode) {
    String p = pattern == null ? "" : pattern;
    String m = mode == null || mode.isEmpty() ? REGEXP : mode;
    if (p.isEmpty() || p.equals("*")) {
      return new MemberMatch(PREFIX, "", null);
    }
    return switch (m) {
      case REGEXP -> {
        try {
          yield new MemberMatch(m, p, Pattern.compile(p));
        } catch (PatternSyntaxException e) {
          throw JaisException.invalid("invalid archregx \"" + p + "\": " + e.getDescription());
        }
      }
      case PREFIX, SUFFIX, SUBSTR, WDSKEY -> new MemberMatch(m, p, null);
      default -> throw JaisException.invalid("invalid archmode \"" + m + "\" (expected one of regexp, prefix, suffix, substr, wdskey)");
    };
  }

  public boolean matches(String name) {
    return switch (mode) {
      case REGEXP -> regex.matcher(name).find();
      case PREFIX -> name.startsWith(pattern);
      case SUFFIX -> name.endsWith(pattern);
      case SUBSTR -> name.contains(pattern);
      default -> pattern.equals(webDatasetKey(name));
    };
  }

  /** The name without its extension (after the last dot of the last path element) and without a leading slash. */
  static String webDatasetKey(String name) {
    int slash = name.lastIndexOf('/');
    int dot = name.lastIndexOf('.');
    String key = dot > slash ? name.substring(0, dot) : name;
    return key.startsWith("/") ? key.substring(1) : key;
  }

  @Override
  public String toString() {
    return mode + ":" + pattern;
  }
}
