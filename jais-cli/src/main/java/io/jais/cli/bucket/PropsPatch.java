package io.jais.cli.bucket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jais.api.json.WireJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Bucket properties as users type them, turned into the partial JSON AIS expects
 * ({@code BpropsToSet}): one JSON object, or {@code KEY=VALUE} settings, or, as {@code ais} also
 * takes them, {@code KEY VALUE} pairs. Dotted keys become nested objects; {@code true},
 * {@code false} and integers become JSON booleans and numbers because the server's records are
 * typed.
 */
final class PropsPatch {
  private PropsPatch() {}

  /** The patch; IllegalArgumentException (a usage error) when it cannot be read. */
  static JsonNode parse(List<String> settings) {
    if (settings.size() == 1 && settings.getFirst().strip().startsWith("{")) {
      try {
        return WireJson.MAPPER.readTree(settings.getFirst());
      } catch (IOException e) {
        throw new IllegalArgumentException("invalid JSON: " + e.getMessage());
      }
    }
    List<String> pairs = settings;
    if (settings.stream().noneMatch(s -> s.contains("=")) && settings.size() % 2 == 0) {
      pairs = new ArrayList<>();
      for (int i = 0; i < settings.size(); i += 2) {
        pairs.add(settings.get(i) + "=" + settings.get(i + 1));
      }
    }
    ObjectNode root = WireJson.MAPPER.createObjectNode();
    for (String setting : pairs) {
      int eq = setting.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("invalid property \"" + setting + "\" (expected: KEY=VALUE)");
      }
      String[] keys = setting.substring(0, eq).split("\\.");
      ObjectNode parent = root;
      for (int i = 0; i < keys.length - 1; i++) {
        parent = parent.has(keys[i]) ? (ObjectNode) parent.get(keys[i]) : parent.putObject(keys[i]);
      }
      parent.set(keys[keys.length - 1], value(setting.substring(eq + 1)));
    }
    return root;
  }

  private static JsonNode value(String text) {
    if (text.equals("true") || text.equals("false")) {
      return WireJson.MAPPER.getNodeFactory().booleanNode(Boolean.parseBoolean(text));
    }
    if (text.matches("-?\\d{1,18}")) {
      return WireJson.MAPPER.getNodeFactory().numberNode(Long.parseLong(text));
    }
    return WireJson.MAPPER.getNodeFactory().textNode(text);
  }
}
