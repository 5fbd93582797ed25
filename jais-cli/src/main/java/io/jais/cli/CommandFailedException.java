package io.jais.cli;

/** A failure whose message is already what the user should read (exit status 1). */
public final class CommandFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CommandFailedException(String message) {
    super(message);
  }
}
