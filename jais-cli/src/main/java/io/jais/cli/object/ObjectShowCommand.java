package io.jais.cli.object;

import io.jais.api.object.ObjectAttrs;
import io.jais.cli.ObjectPath;
import io.jais.cli.Session;
import io.jais.cli.render.Json;
import io.jais.cli.render.Sizes;
import io.jais.cli.render.Table;
import io.jais.cli.render.Timestamps;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jais object show BUCKET/NAME} (also {@code jais show object}): the object's attributes. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show an object's size, checksum, version and metadata.")
public class ObjectShowCommand implements Runnable {
  @Parameters(index = "0", paramLabel = "BUCKET/NAME", converter = ObjectPath.Converter.class)
  ObjectPath path;

  @Option(names = {"-j", "--json"}, description = "print JSON")
  boolean json;

  private final Session session;

  protected ObjectShowCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    if (!path.hasObject()) {
      throw new IllegalArgumentException("\"" + path + "\" names no object (for a bucket: jais show bucket)");
    }
    ObjectAttrs attrs = session.client().objects().head(path.bucket(), path.object());
    if (json) {
      Json.print(session.out(), attrs);
      return;
    }
    Table table = Table.of("PROPERTY", "VALUE");
    table.row("name", path.toString());
    table.row("size", Sizes.format(attrs.size()));
    table.row("checksum", attrs.checksumType().isEmpty() ? "-" : attrs.checksumType() + ":" + attrs.checksumValue());
    table.row("version", attrs.version().isEmpty() ? "-" : attrs.version());
    table.row("atime", attrs.atimeNanos() == 0 ? "-" : Timestamps.format(Instant.ofEpochSecond(0, attrs.atimeNanos())));
    table.row("custom", attrs.custom().isEmpty() ? "-" : attrs.custom().toString());
    table.row("present", attrs.present() ? "yes" : "no");
    if (!attrs.location().isEmpty()) {
      table.row("location", attrs.location());
    }
    table.print(session.out());
  }

  /** {@code jais show object}: the same view under the AIS {@code show} verb. */
  @Command(name = "object", mixinStandardHelpOptions = true, description = "Show an object's attributes.")
  public static final class UnderShow extends ObjectShowCommand {
    UnderShow(Session session) {
      super(session);
    }
  }
}
