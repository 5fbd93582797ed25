package io.jais.cli.bucket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jais.api.json.WireJson;
import io.jais.cli.ObjectPath;
import io.jais.cli.Session;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jais bucket props set BUCKET KEY=VALUE...|JSON}: a partial update (AIS
 * {@code BpropsToSet}). Dotted keys become nested JSON; {@code true}/{@code false} and integers
 * are sent as JSON booleans and numbers because the server's records are typed.
 */
@Command(name = "set", mixinStandardHelpOptions = true,
    description = {"Change bucket properties, e.g.  jais bucket props set ais://b mirror.enabled=true mirror.copies=2",
        "or with JSON:  jais bucket props set ais://b '{\"mirror\":{\"enabled\":true}}'"})
public final class PropsSetCommand implements Runnable {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "BUCKET", converter = ObjectPath.Converter.class)
  ObjectPath path;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY=VALUE|JSON")
  List<String> settings;

  private final Session session;

  PropsSetCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    session.client().buckets().setProps(path.bucket(), patch());
    session.out().println("Bucket props successfully updated: " + String.join(", ", settings));
  }

  private JsonNode patch() {
    if (settings.size() == 1 && settings.getFirst().strip().startsWith("{")) {
      try {
        return WireJson.MAPPER.readTree(settings.getFirst());
      } catch (IOException e) {
        throw new ParameterException(spec.commandLine(), "invalid JSON: " + e.getMessage());
      }
    }
    ObjectNode root = WireJson.MAPPER.createObjectNode();
    for (String setting : settings) {
      int eq = setting.indexOf('=');
      if (eq <= 0) {
        throw new ParameterException(spec.commandLine(), "invalid property \"" + setting + "\" (expected: KEY=VALUE)");
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
