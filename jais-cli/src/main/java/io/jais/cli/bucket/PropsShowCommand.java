package io.jais.cli.bucket;

import io.jais.api.bucket.BucketProps;
import io.jais.cli.ObjectPath;
import io.jais.cli.Session;
import io.jais.cli.render.Json;
import io.jais.cli.render.Table;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jais bucket props show BUCKET [PREFIX]}: every property as a dotted key, or JSON. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show bucket properties.")
public class PropsShowCommand implements Runnable {
  @Parameters(index = "0", paramLabel = "BUCKET", converter = ObjectPath.Converter.class)
  ObjectPath path;

  @Parameters(index = "1", arity = "0..1", paramLabel = "PREFIX", description = "only properties under this prefix, e.g. mirror")
  String prefix;

  @Option(names = {"-H", "--no-headers"}, description = "omit the header line")
  boolean noHeaders;

  @Option(names = {"-j", "--json"}, description = "print the properties JSON (as in Ais-Bucket-Props)")
  boolean json;

  private final Session session;

  protected PropsShowCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    BucketProps props = session.client().buckets().props(path.bucket());
    if (json) {
      Json.print(session.out(), props);
      return;
    }
    Table table = Table.of("PROPERTY", "VALUE");
    for (Map.Entry<String, String> entry : Json.flatten(props).entrySet()) {
      // "Renamed" is a deprecated AIS field that the ais CLI does not list either
      if (!entry.getKey().equals("Renamed") && (prefix == null || entry.getKey().startsWith(prefix))) {
        table.row(entry.getKey(), entry.getValue());
      }
    }
    table.print(session.out(), !noHeaders);
  }

}
