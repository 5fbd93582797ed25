package io.jais.cli.bucket;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.cli.ObjectPath;
import io.jais.cli.Session;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jais bucket create BUCKET...}. */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create ais:// buckets.")
public final class CreateCommand implements Runnable {
  @Parameters(arity = "1..*", paramLabel = "BUCKET", converter = ObjectPath.Converter.class,
      description = "e.g. ais://data")
  List<ObjectPath> buckets;

  @Option(names = "--ignore-error", description = "a bucket that already exists is not an error (as ais)")
  boolean ignoreError;

  @Option(names = "--props", paramLabel = "PROPS",
      description = "create with these properties: 'KEY=VALUE KEY=VALUE' or JSON, e.g. --props 'mirror.enabled=true mirror.copies=2'")
  String props;

  private final Session session;

  CreateCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    com.fasterxml.jackson.databind.JsonNode patch = props == null ? null
        : PropsPatch.parse(props.strip().startsWith("{") ? List.of(props) : List.of(props.strip().split("\\s+")));
    for (ObjectPath path : buckets) {
      try {
        if (props == null) {
          session.client().buckets().create(path.bucket());
        } else {
          session.client().buckets().create(path.bucket(), patch);
        }
      } catch (JaisException e) {
        if (ignoreError && (e.code() == ErrorCode.BUCKET_EXISTS || e.code() == ErrorCode.CONFLICT)) {
          session.out().println("Bucket \"" + path.bucket().uri() + "\" already exists");
          continue;
        }
        throw e;
      }
      session.out().println("\"" + path.bucket().uri() + "\" created");
    }
  }
}
