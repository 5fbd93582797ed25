package io.jais.cli.bucket;

import com.fasterxml.jackson.databind.JsonNode;
import io.jais.cli.ObjectPath;
import io.jais.cli.Session;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jais bucket props set BUCKET KEY=VALUE...|KEY VALUE...|JSON}: a partial update (AIS
 * {@code BpropsToSet}); see {@link PropsPatch}.
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
    try {
      return PropsPatch.parse(settings);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
