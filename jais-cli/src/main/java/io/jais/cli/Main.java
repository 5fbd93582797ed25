package io.jais.cli;

import io.jais.cli.bucket.BucketCommand;
import io.jais.cli.bucket.ListCommand;
import io.jais.cli.config.ConfigCommand;
import io.jais.cli.job.JobCommand;
import io.jais.cli.log.LogCommand;
import io.jais.cli.object.GetCommand;
import io.jais.cli.object.ObjectCommand;
import io.jais.cli.object.PutCommand;
import io.jais.cli.object.RemoveCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * {@code jais}: runs one command line and exits with its status.
 *
 * <p>Start-up is the cost users feel most, and picocli builds the model of every command it is
 * given by reflection (about a third of a second for the whole tree on a busy machine). So only
 * the noun named first is registered; help, completion and unknown words get the whole tree.
 */
public final class Main {
  /** The top-level commands in the order help lists them: AIS nouns, then its shortcuts. */
  private static final Map<String, Class<?>> NOUNS = nouns();

  private Main() {}

  private static Map<String, Class<?>> nouns() {
    Map<String, Class<?>> nouns = new LinkedHashMap<>();
    nouns.put("ls", ListCommand.class);
    nouns.put("bucket", BucketCommand.class);
    nouns.put("object", ObjectCommand.class);
    nouns.put("put", PutCommand.class);
    nouns.put("get", GetCommand.class);
    nouns.put("rmo", RemoveCommand.Shortcut.class);
    nouns.put("show", ShowCommand.class);
    nouns.put("config", ConfigCommand.class);
    nouns.put("job", JobCommand.class);
    nouns.put("storage", io.jais.cli.storage.StorageCommand.class);
    nouns.put("log", LogCommand.class);
    nouns.put("completion", CompletionCommand.class);
    return nouns;
  }

  public static void main(String[] args) {
    int status;
    try (Session session = Session.system()) {
      status = run(session, args);
    }
    System.exit(status);
  }

  /** Runs a command line in this JVM and returns its exit status; used by tests as by {@link #main}. */
  public static int run(Session session, String... args) {
    return commandLine(session, args.length == 0 ? "" : args[0]).execute(args);
  }

  /**
   * The command tree for a command line starting with {@code first}, wired to the session: just
   * that noun when it is one (but completion), else every command.
   */
  static CommandLine commandLine(Session session, String first) {
    Failures failures = new Failures(session);
    CommandLine cli = new CommandLine(new JaisCommand(session), new CommandFactory(session));
    Class<?> only = first.equals("completion") ? null : NOUNS.get(first);
    if (only != null) {
      cli.addSubcommand(first, only);
    } else {
      NOUNS.forEach(cli::addSubcommand);
    }
    cli.setOut(session.out());
    cli.setErr(session.err());
    cli.setExecutionExceptionHandler(failures);
    cli.setParameterExceptionHandler(failures);
    return cli;
  }
}
