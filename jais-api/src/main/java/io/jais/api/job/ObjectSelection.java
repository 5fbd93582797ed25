package io.jais.api.job;

import io.jais.api.error.JaisException;
import java.util.List;

/**
 * Which objects of a bucket a multi-object job works on (AIS {@code apc.ListRange}): a list of
 * names, a range template, or a prefix. A template without a range is a prefix; an empty template
 * with no names selects every object of the bucket.
 *
 * @param names the listed names; empty unless this is a list selection
 * @param template the parsed template; a prefix template ("" for all) unless names are listed
 */
public record ObjectSelection(List<String> names, NameTemplate template) {
  public ObjectSelection {
    names = names == null ? List.of() : List.copyOf(names);
    template = template == null ? NameTemplate.parse("") : template;
  }

  /**
   * The selection of a message's {@code objnames} and {@code template}.
   *
   * @throws JaisException 400 when both are given, a name is empty, or the template is malformed
   */
  public static ObjectSelection of(List<String> names, String template) {
    boolean listed = names != null && !names.isEmpty();
    if (listed && template != null && !template.isEmpty()) {
      throw JaisException.invalid("objnames and template are mutually exclusive");
    }
    if (listed) {
      for (String name : names) {
        if (name == null || name.isEmpty()) {
          throw JaisException.invalid("objnames: empty object name");
        }
      }
      return new ObjectSelection(names, null);
    }
    return new ObjectSelection(List.of(), NameTemplate.parse(template));
  }

  /** A list of names. */
  public boolean isList() {
    return !names.isEmpty();
  }

  /** A range template. */
  public boolean isRange() {
    return names.isEmpty() && !template.isPrefix();
  }

  /** A prefix (possibly empty: the whole bucket). */
  public boolean isPrefix() {
    return names.isEmpty() && template.isPrefix();
  }

  /** The names of a list or range selection, in order; nothing for a prefix. */
  public Iterable<String> expanded() {
    return isList() ? names : template;
  }

  @Override
  public String toString() {
    if (isList()) {
      return names.size() > 3 ? "list(" + names.size() + " names):[" + names.getFirst() + ", ...]" : "list:" + names;
    }
    return isRange() ? "template:" + template : template.prefix().isEmpty() ? "all objects" : "prefix:" + template.prefix();
  }
}
