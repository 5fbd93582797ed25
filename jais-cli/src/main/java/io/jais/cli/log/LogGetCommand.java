package io.jais.cli.log;

import io.jais.cli.Confirmation;
import io.jais.cli.Session;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jais log get NODE_ID [OUT_FILE|OUT_DIR|-] [--severity S] [--all]}: downloads the node's
 * current log, or with {@code --all} a tar.gz of its current and rotated files; into a directory
 * as {@code NODE_ID.SEVERITY.log} (or {@code .tar.gz}), by default the current one.
 */
@Command(name = "get", mixinStandardHelpOptions = true,
    description = "Download a node's current log, or all its logs of a severity as tar.gz (--all).")
public final class LogGetCommand implements Runnable {
  @Parameters(index = "0", paramLabel = "NODE_ID", description = "the node, as 'jais show cluster' lists it")
  String node;

  @Parameters(index = "1", arity = "0..1", paramLabel = "OUT_FILE|OUT_DIR|-",
      description = "where to write it (default: the current directory; '-': standard output)")
  String destination;

  @Option(names = "--severity", defaultValue = "info", paramLabel = "SEVERITY",
      description = "info (default), warning or error; the first letter is enough")
  String severity;

  @Option(names = "--all", description = "every file of that severity, current and rotated, as one tar.gz")
  boolean all;

  @Mixin Confirmation confirmation;

  private final Session session;

  LogGetCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    try (InputStream in = session.client().cluster().nodeLog(node, severity, all)) {
      if ("-".equals(destination)) {
        OutputStream out = session.stdout();
        in.transferTo(out);
        out.flush();
        return;
      }
      Path target = destination == null ? Path.of(".") : Path.of(destination);
      if (Files.isDirectory(target)) {
        target = target.resolve(node + "." + fullName(severity) + (all ? ".tar.gz" : ".log"));
      }
      // as ais log get: an existing file is replaced only when the user agrees (or -y)
      if (Files.isRegularFile(target) && !confirmation.confirm(session, "overwrite existing \"" + target + "\"")) {
        return;
      }
      long size = Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      session.out().println(node + " => " + target + " (" + size + " bytes)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code e} and {@code ERROR} name the same log as {@code error} (the node reads the first letter). */
  private static String fullName(String severity) {
    String s = severity.toLowerCase(Locale.ROOT);
    for (String name : new String[] {"info", "warning", "error"}) {
      if (!s.isEmpty() && name.charAt(0) == s.charAt(0)) {
        return name;
      }
    }
    return s;
  }
}
