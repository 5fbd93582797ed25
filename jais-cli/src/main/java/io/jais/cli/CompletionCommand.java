package io.jais.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jais completion [bash|zsh]}: prints the completion script picocli generates from the
 * command tree, in the kubectl/helm form ({@code source <(jais completion zsh)}). One script
 * serves both shells: in zsh it loads {@code bashcompinit} itself, so {@code zsh} prints the same
 * text; {@code jais completion} alone prints it too (the form earlier versions documented).
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {"Print a completion script for bash or zsh.",
        "Install it in the current shell with:  source <(jais completion bash)   (or zsh)"})
final class CompletionCommand implements Runnable {
  @Parameters(arity = "0..1", paramLabel = "SHELL", defaultValue = "bash", description = "bash (default) or zsh")
  String shell;

  @Spec CommandSpec spec;

  private final Session session;

  CompletionCommand(Session session) {
    this.session = session;
  }

  @Override
  public void run() {
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "unsupported shell \"" + shell + "\" (expected: bash or zsh)");
    }
    // generated from the root so that every noun and option completes, this command included
    session.out().print(AutoComplete.bash("jais", spec.root().commandLine()));
    session.out().flush();
  }
}
