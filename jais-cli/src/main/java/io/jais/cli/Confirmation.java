package io.jais.cli;

import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * {@code -y/--yes} and the question it skips, as in the AIS CLI: before a command does something
 * large or destructive (a directory upload, a multi-object download, overwriting a local file,
 * destroying a non-empty bucket, stopping every job of a kind) it asks {@code ... [Y/N]: } on
 * standard output and reads the answer from standard input. A "no" prints
 * {@code Operation canceled.} and the command ends with status 0, as {@code ais} does.
 *
 * <p>Implementation notes: {@code ais} keeps asking when standard input is not a terminal (it
 * reads end-of-file as an invalid answer, forever). A script must never hang, so without a
 * terminal jais does not ask at all: it fails (status 1) and says to pass {@code -y}. End of
 * input while asking counts as "no". Mixed into commands with {@code @Mixin}.
 */
public final class Confirmation {
  private static final Set<String> YES = Set.of("y", "yes", "t", "true", "1", "on");
  private static final Set<String> NO = Set.of("n", "no", "f", "false", "0", "off");

  @Option(names = {"-y", "--yes"}, description = "assume 'yes' to all questions (needed when standard input is not a terminal)")
  boolean yes;

  /** Whether {@code -y} was given. */
  public boolean assumeYes() {
    return yes;
  }

  /** True to proceed: {@code -y} was given, or the user said yes. */
  public boolean confirm(Session session, String question) {
    if (yes) {
      return true;
    }
    if (!session.terminalInput()) {
      throw new CommandFailedException(question + ": standard input is not a terminal, so jais cannot ask;"
          + " pass -y (--yes) to proceed");
    }
    while (true) {
      session.out().print(question + " [Y/N]: ");
      session.out().flush();
      String line = session.readLine();
      String answer = line == null ? "n" : line.strip().toLowerCase(Locale.ROOT);
      if (YES.contains(answer)) {
        return true;
      }
      if (NO.contains(answer)) {
        session.out().println("Operation canceled.");
        return false;
      }
      session.err().println("Invalid input! Choose 'Y' for 'Yes' or 'N' for 'No'");
    }
  }
}
