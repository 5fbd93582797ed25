package io.jais.api.job;

import io.jais.api.error.JaisException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * An object-name range template, as AIS parses them: bash-style brace ranges
 * {@code prefix-{0000..0099..1}-gap-{1..3}-suffix} (start, end and optional step; zero-padded to
 * the shorter of start's and end's digit counts; several groups expand as nested loops, the last
 * group fastest) or "at" ranges {@code prefix-@0099-suffix} (0 to the number, padded to its
 * digits). A template without either is a prefix ({@link #isPrefix()}); {@code ""} and {@code "*"}
 * select everything (the empty prefix); a trailing {@code *} of a prefix is dropped.
 *
 * <p>Malformed templates (an unclosed brace, {@code {5..1}}, a step of 0, a non-number, more than
 * {@value #MAX_NAMES} names, Go {@code %d} templates, which have no end) are 400s with the
 * reason. Expansion is lazy ({@link #iterator()}), so a large range costs no memory.
 */
public final class NameTemplate implements Iterable<String> {
  /** The most names one template may expand to (AIS's bound for server-side iteration). */
  public static final long MAX_NAMES = 10_000_000;

  private record Range(long start, long end, long step, int digits, String gap) {
    long count() {
      return (end - start) / step + 1;
    }
  }

  private final String template;
  private final String prefix;
  private final List<Range> ranges;

  private NameTemplate(String template, String prefix, List<Range> ranges) {
    this.template = template;
    this.prefix = prefix;
    this.ranges = List.copyOf(ranges);
  }

  /**
   * Parses a template.
   *
   * @throws JaisException INVALID_ARGUMENT (400) with the reason when it is malformed
   */
  public static NameTemplate parse(String template) {
    String t = template == null ? "" : template;
    if (t.isEmpty() || t.equals("*")) {
      return new NameTemplate(t, "", List.of());
    }
    if (t.indexOf('{') >= 0 || t.indexOf('}') >= 0) {
      return parseBraces(t);
    }
    if (t.indexOf('@') >= 0) {
      return parseAt(t);
    }
    if (t.indexOf('%') >= 0 && t.matches(".*%0?\\d*d.*")) {
      throw invalid(t, "printf-style ('%d') templates have no end and cannot select objects");
    }
    return new NameTemplate(t, t.endsWith("*") ? t.substring(0, t.length() - 1) : t, List.of());
  }

  private static NameTemplate parseBraces(String t) {
    int first = t.indexOf('{');
    if (first < 0 || t.lastIndexOf('}') < first) {
      throw invalid(t, "unbalanced braces (expecting e.g. 'prefix-{0001..0010..1}-suffix')");
    }
    String prefix = t.substring(0, first);
    List<Range> ranges = new ArrayList<>();
    String rest = t.substring(first);
    while (!rest.isEmpty()) {
      int close = rest.indexOf('}');
      if (rest.charAt(0) != '{' || close < 0 || rest.indexOf('{', 1) >= 0 && rest.indexOf('{', 1) < close) {
        throw invalid(t, "unbalanced braces (expecting e.g. 'prefix-{0001..0010..1}-suffix')");
      }
      String[] numbers = rest.substring(1, close).split("\\.\\.", -1);
      if (numbers.length < 2 || numbers.length > 3) {
        throw invalid(t, "a range is {start..end} or {start..end..step}");
      }
      long start = number(t, numbers[0]);
      long end = number(t, numbers[1]);
      long step = numbers.length == 3 ? number(t, numbers[2]) : 1;
      int digits = Math.min(numbers[0].length(), numbers[1].length());
      rest = rest.substring(close + 1);
      int next = rest.indexOf('{');
      String gap = next < 0 ? rest : rest.substring(0, next);
      if (gap.indexOf('}') >= 0) {
        throw invalid(t, "unbalanced braces (expecting e.g. 'prefix-{0001..0010..1}-suffix')");
      }
      ranges.add(checked(t, new Range(start, end, step, digits, gap)));
      rest = next < 0 ? "" : rest.substring(next);
    }
    return counted(t, prefix, ranges);
  }

  private static NameTemplate parseAt(String t) {
    int at = t.indexOf('@');
    String prefix = t.substring(0, at);
    List<Range> ranges = new ArrayList<>();
    String rest = t.substring(at);
    while (!rest.isEmpty()) {
      int digitsEnd = 1;
      while (digitsEnd < rest.length() && Character.isDigit(rest.charAt(digitsEnd))) {
        digitsEnd++;
      }
      String number = rest.substring(1, digitsEnd);
      if (number.isEmpty()) {
        throw invalid(t, "'@' must be followed by the last number, e.g. 'prefix-@00100-suffix'");
      }
      rest = rest.substring(digitsEnd);
      int next = rest.indexOf('@');
      String gap = next < 0 ? rest : rest.substring(0, next);
      ranges.add(checked(t, new Range(0, number(t, number), 1, number.length(), gap)));
      rest = next < 0 ? "" : rest.substring(next);
    }
    return counted(t, prefix, ranges);
  }

  private static long number(String t, String text) {
    if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9' || c == '-')) {
      throw invalid(t, "\"" + text + "\" is not a number");
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw invalid(t, "\"" + text + "\" is not a number");
    }
  }

  private static Range checked(String t, Range range) {
    if (range.start < 0) {
      throw invalid(t, "'start' is negative");
    }
    if (range.start > range.end) {
      throw invalid(t, "'start' cannot be greater than 'end'");
    }
    if (range.step <= 0) {
      throw invalid(t, "'step' must be positive");
    }
    return range;
  }

  private static NameTemplate counted(String t, String prefix, List<Range> ranges) {
    long total = 1;
    for (Range range : ranges) {
      long count = range.count();
      if (count > MAX_NAMES || total > MAX_NAMES / count) {
        throw invalid(t, "expands to more than " + MAX_NAMES + " names");
      }
      total *= count;
    }
    return new NameTemplate(t, prefix, ranges);
  }

  private static JaisException invalid(String template, String reason) {
    return JaisException.invalid("invalid template \"" + template + "\": " + reason);
  }

  /** True when the template has no range: it selects every object whose name starts with {@link #prefix()}. */
  public boolean isPrefix() {
    return ranges.isEmpty();
  }

  /** The text before the first range; for a prefix template, the whole prefix ("" for all objects). */
  public String prefix() {
    return prefix;
  }

  /** How many names the ranges expand to; 0 for a prefix template. */
  public long count() {
    if (ranges.isEmpty()) {
      return 0;
    }
    long total = 1;
    for (Range range : ranges) {
      total *= range.count();
    }
    return total;
  }

  /** The names of a range template in order, lazily; nothing for a prefix template. */
  @Override
  public Iterator<String> iterator() {
    if (ranges.isEmpty()) {
      return java.util.Collections.emptyIterator();
    }
    return new Iterator<>() {
      private final long[] at = ranges.stream().mapToLong(Range::start).toArray();
      private boolean done;

      @Override
      public boolean hasNext() {
        return !done;
      }

      @Override
      public String next() {
        if (done) {
          throw new NoSuchElementException();
        }
        StringBuilder name = new StringBuilder(prefix);
        for (int i = 0; i < at.length; i++) {
          String digits = Long.toString(at[i]);
          name.repeat('0', Math.max(0, ranges.get(i).digits() - digits.length())).append(digits).append(ranges.get(i).gap());
        }
        advance();
        return name.toString();
      }

      private void advance() {
        for (int i = at.length - 1; i >= 0; i--) {
          Range range = ranges.get(i);
          if (at[i] <= range.end() - range.step()) { // no overflow near Long.MAX_VALUE
            at[i] += range.step();
            return;
          }
          at[i] = range.start();
        }
        done = true;
      }
    };
  }

  @Override
  public String toString() {
    return template;
  }
}
