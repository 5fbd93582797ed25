package io.jais.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root: {@code jais <command>}; {@link Main} adds the nouns (AIS CLI nouns and shortcuts). */
@Command(
    name = "jais",
    mixinStandardHelpOptions = true,
    versionProvider = JaisCommand.Version.class,
    description = {"Manage and monitor a JAIS (or AIStore) cluster.",
        "The cluster is at $AIS_ENDPOINT (default " + Session.DEFAULT_ENDPOINT + ")."})
final class JaisCommand implements Runnable {
  @Spec CommandSpec spec;

  private final Session session;

  JaisCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    spec.commandLine().usage(session.out());
  }

  /** The version of the jar, when run from one. */
  static final class Version implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = JaisCommand.class.getPackage().getImplementationVersion();
      return new String[] {"jais " + (version == null ? "(development build)" : version)};
    }
  }
}
