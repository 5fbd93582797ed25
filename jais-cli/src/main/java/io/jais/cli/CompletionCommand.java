package io.jais.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code jais completion}: prints the bash completion script picocli generates from the command
 * tree. The same script works in zsh (it loads {@code bashcompinit} itself), so one command
 * installs it in either shell: {@code source <(jais completion)}.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {"Print a bash/zsh completion script for jais.",
        "Install it in the current shell with:  source <(jais completion)"})
final class CompletionCommand implements Runnable {
  @Spec CommandSpec spec;

  private final Session session;

  CompletionCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    // generated from the root so that every noun and option completes, this command included
    session.out().print(AutoComplete.bash("jais", spec.root().commandLine()));
    session.out().flush();
  }
}
