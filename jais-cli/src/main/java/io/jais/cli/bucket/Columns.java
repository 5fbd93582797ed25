package io.jais.cli.bucket;

import io.jais.api.object.ObjectEntry;
import io.jais.cli.render.Sizes;
import io.jais.cli.render.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The object properties a listing asks for (docs/native-api.md#listing-objects) and how each prints.
 * {@code name} always
 * comes first, as in AIS, even when not asked for.
 */
record Columns(List<String> names) {
  private static final List<String> KNOWN =
      List.of("name", "size", "version", "checksum", "atime", "location", "copies", "custom");

  static Columns parse(List<String> requested) {
    List<String> names = new ArrayList<>(List.of("name"));
    for (String raw : requested) {
      String name = raw.strip().toLowerCase(Locale.ROOT);
      if (name.equals("all")) {
        return new Columns(KNOWN);
      }
      if (!KNOWN.contains(name)) {
        throw new IllegalArgumentException("unknown property \"" + raw + "\" (expected: " + String.join(", ", KNOWN) + ", all)");
      }
      if (!names.contains(name)) {
        names.add(name);
      }
    }
    return new Columns(List.copyOf(names));
  }

  boolean has(String name) {
    return names.contains(name);
  }

  /** The {@code props} value of the list request. */
  String wireProps() {
    return String.join(",", names);
  }

  Table table(List<ObjectEntry> entries) {
    Table table = Table.of(names.stream().map(name -> name.toUpperCase(Locale.ROOT)).toArray(String[]::new));
    for (ObjectEntry entry : entries) {
      table.row(names.stream().map(name -> cell(entry, name)).toArray());
    }
    return table;
  }

  private static String cell(ObjectEntry entry, String name) {
    String value = switch (name) {
      case "name" -> entry.name();
      case "size" -> entry.isDir() ? "" : Sizes.format(entry.size());
      case "version" -> entry.version();
      case "checksum" -> entry.checksum();
      case "atime" -> entry.atime();
      case "location" -> entry.location();
      case "copies" -> Integer.toString(entry.copies());
      case "custom" -> entry.custom();
      default -> "";
    };
    return value.isEmpty() ? "-" : value;
  }
}
