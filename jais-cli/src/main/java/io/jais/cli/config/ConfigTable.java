package io.jais.cli.config;

import io.jais.cli.render.Json;
import io.jais.cli.render.Table;
import java.io.PrintWriter;
import java.util.Map;

/** A configuration document as {@code PROPERTY VALUE} rows, optionally only keys under a prefix. */
final class ConfigTable {
  private ConfigTable() {}

  static void print(PrintWriter out, Object config, String prefix) {
    print(out, config, prefix, true);
  }

  static void print(PrintWriter out, Object config, String prefix, boolean withHeaders) {
    Table table = Table.of("PROPERTY", "VALUE");
    for (Map.Entry<String, String> entry : Json.flatten(config).entrySet()) {
      if (prefix == null || entry.getKey().startsWith(prefix)) {
        table.row(entry.getKey(), entry.getValue());
      }
    }
    if (table.isEmpty() && prefix != null) {
      throw new IllegalArgumentException("no setting starts with \"" + prefix + "\"");
    }
    table.print(out, withHeaders);
  }
}
