package io.jais.cli.log;

import io.jais.cli.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jais log show NODE_ID [--severity S]}: the node's current log on standard output. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Print a node's current log (info: everything; warning: warnings and errors; error: errors).")
public final class LogShowCommand implements Runnable {
  @Parameters(index = "0", paramLabel = "NODE_ID", description = "the node, as 'jais show cluster' lists it")
  String node;

  @Option(names = "--severity", defaultValue = "info", paramLabel = "SEVERITY",
      description = "info (default), warning or error; the first letter is enough")
  String severity;

  private final Session session;

  LogShowCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    try (InputStream in = session.client().cluster().nodeLog(node, severity, false)) {
      OutputStream out = session.stdout();
      in.transferTo(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
