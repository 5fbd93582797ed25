package io.jais.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jais.api.json.WireJson;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code --json} output: the wire records as the server sends them (so scripts can use the AIS
 * field names they know), indented; and the flattening of nested documents into dotted keys
 * that property tables print.
 */
public final class Json {
  private Json() {}

  public static void print(PrintWriter out, Object value) {
    try {
      out.println(WireJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code {"a":{"b":1}}} as {@code a.b -> 1}, sorted by key; arrays print as JSON. */
  public static Map<String, String> flatten(Object value) {
    Map<String, String> flat = new TreeMap<>();
    flatten("", WireJson.MAPPER.valueToTree(value), flat);
    return flat;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> flat) {
    if (node.isObject() && !node.isEmpty()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), flat);
      }
    } else {
      flat.put(prefix, node.isValueNode() ? node.asText() : node.toString());
    }
  }
}
