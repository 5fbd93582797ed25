package io.jais.cli.object;

import io.jais.api.object.ObjectAttrs;
import io.jais.cli.ObjectPath;
import io.jais.cli.Session;
import io.jais.cli.render.Json;
import io.jais.cli.render.Sizes;
import io.jais.cli.render.Table;
import io.jais.cli.render.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jais object show BUCKET/NAME} (also {@code jais show object}): the object's properties
 * as {@code ais object show} prints them: {@code PROPERTY VALUE} rows sorted by name, by default
 * {@code atime}, {@code checksum} ({@code type[first 16 hex digits...]}), {@code name} and
 * {@code size}; {@code --props} or {@code --all} choose others. Properties this cluster does not
 * keep for the object (e.g. {@code ec}, {@code etag}) are left out, as AIS leaves out empty ones.
 */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show an object's properties (as 'ais object show').")
public class ObjectShowCommand implements Runnable {
  private static final List<String> DEFAULT = List.of("name", "size", "checksum", "atime");
  private static final List<String> ALL = List.of("name", "size", "checksum", "atime", "version", "last-modified",
      "etag", "copies", "ec", "custom", "location", "chunked");
  /** AIS shows the head of a long checksum value, then {@code ...}. */
  private static final int CHECKSUM_HEAD = 16;

  @Parameters(index = "0", paramLabel = "BUCKET/NAME", converter = ObjectPath.Converter.class)
  ObjectPath path;

  @Option(names = "--props", split = ",", paramLabel = "LIST",
      description = "properties to show: name, size, checksum, atime, version, custom, location, ..., or all")
  List<String> props;

  @Option(names = "--all", description = "show all properties")
  boolean all;

  @Option(names = {"-H", "--no-headers"}, description = "omit the header line")
  boolean noHeaders;

  @Option(names = {"-j", "--json"}, description = "print JSON (jais)")
  boolean json;

  @Option(names = {"--silent", "--skip-lookup"}, hidden = true, description = "accepted for ais compatibility")
  boolean noOps;

  private final Session session;

  protected ObjectShowCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    if (!path.hasObject()) {
      throw new IllegalArgumentException("\"" + path + "\" names no object (for a bucket: jais show bucket)");
    }
    List<String> selected = selected();
    ObjectAttrs attrs = session.client().objects().head(path.bucket(), path.object());
    if (json) {
      Json.print(session.out(), attrs);
      return;
    }
    print(session, path, attrs, selected, !noHeaders);
  }

  /** The properties table; also what {@code ls BUCKET/NAME} prints when NAME is an object, as in AIS. */
  public static void print(Session session, ObjectPath path, ObjectAttrs attrs, List<String> selected, boolean withHeaders) {
    Map<String, String> rows = new TreeMap<>();
    for (String name : selected) {
      String value = value(path, attrs, name);
      if (!value.isEmpty()) {
        rows.put(name, value);
      }
    }
    Table table = Table.of("PROPERTY", "VALUE");
    rows.forEach(table::row);
    table.print(session.out(), withHeaders);
  }

  /** The properties {@code ais object show} prints when none are asked for. */
  public static List<String> defaultProperties() {
    return DEFAULT;
  }

  private List<String> selected() {
    if (all || props != null && props.stream().anyMatch(p -> p.strip().equalsIgnoreCase("all"))) {
      return ALL;
    }
    if (props == null) {
      return DEFAULT;
    }
    List<String> names = new ArrayList<>();
    for (String raw : props) {
      String name = raw.strip().toLowerCase(Locale.ROOT);
      if (!ALL.contains(name)) {
        throw new IllegalArgumentException("unknown object property \"" + raw + "\" (expected one of: "
            + String.join(", ", ALL) + ")");
      }
      names.add(name);
    }
    return names;
  }

  private static String value(ObjectPath path, ObjectAttrs attrs, String name) {
    return switch (name) {
      case "name" -> path.toString();
      case "size" -> Sizes.format(attrs.size());
      case "checksum" -> attrs.checksumType().isEmpty() || attrs.checksumType().equals("none") ? "-"
          : attrs.checksumType() + "[" + head(attrs.checksumValue()) + "]";
      case "atime" -> attrs.atimeNanos() == 0 ? "-" : Timestamps.format(Instant.ofEpochSecond(0, attrs.atimeNanos()));
      case "version" -> attrs.version();
      case "custom" -> attrs.custom().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining(", "));
      case "location" -> attrs.location();
      default -> "";
    };
  }

  private static String head(String value) {
    return value.length() > CHECKSUM_HEAD ? value.substring(0, CHECKSUM_HEAD) + "..." : value;
  }

  /** {@code jais show object}: the same view under the AIS {@code show} verb. */
  @Command(name = "object", mixinStandardHelpOptions = true, description = "Show an object's properties.")
  public static final class UnderShow extends ObjectShowCommand {
    UnderShow(Session session) {
      super(session);
    }
  }
}
