package io.jais.cli.object;

import io.jais.cli.ObjectPath;
import io.jais.cli.Session;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jais object rm BUCKET/NAME...} (shortcut {@code jais rmo}). */
@Command(name = "rm", mixinStandardHelpOptions = true, description = "Remove objects.")
public class RemoveCommand implements Runnable {
  @Parameters(arity = "1..*", paramLabel = "BUCKET/NAME", converter = ObjectPath.Converter.class)
  List<ObjectPath> objects;

  private final Session session;

  protected RemoveCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    for (ObjectPath path : objects) {
      if (!path.hasObject()) {
        throw new IllegalArgumentException("\"" + path + "\" names no object (to remove a bucket: jais bucket rm)");
      }
    }
    for (ObjectPath path : objects) {
      session.client().objects().delete(path.bucket(), path.object());
      session.out().println("deleted \"" + path + "\"");
    }
  }

  /** {@code jais rmo}: the AIS shortcut. */
  @Command(name = "rmo", mixinStandardHelpOptions = true, description = "Remove objects (shortcut for 'object rm').")
  public static final class Shortcut extends RemoveCommand {
    Shortcut(Session session) {
      super(session);
    }
  }
}
