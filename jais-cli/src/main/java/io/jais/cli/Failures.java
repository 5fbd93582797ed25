package io.jais.cli;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * The one place that turns a failure into what the user sees: a single line on standard error
 * (plus a pointer to the help when the command line was wrong) and exit status 1, whatever went
 * wrong, as the AIS CLI does: scripts written for {@code ais} test for non-zero or for 1. Stack
 * traces are for developers and appear only with {@code JAIS_DEBUG=1}.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
  static final int FAILED = 1;
  /** A wrong command line: the same status as a failed operation, as in {@code ais}. */
  static final int USAGE = 1;

  private final Session session;

  Failures(Session session) {
    this.session = session;
  }

  @Override
  public int handleExecutionException(Exception failure, CommandLine command, CommandLine.ParseResult parsed) {
    if (failure instanceof CommandLine.ParameterException usage) {
      return handleParseException(usage, parsed.originalArgs().toArray(String[]::new));
    }
    session.err().println(describe(failure));
    if (System.getenv("JAIS_DEBUG") != null) {
      failure.printStackTrace(session.err());
    }
    session.err().flush();
    return FAILED;
  }

  @Override
  public int handleParseException(CommandLine.ParameterException failure, String[] args) {
    CommandLine command = failure.getCommandLine();
    session.err().println(failure.getMessage());
    session.err().println("see '" + command.getCommandSpec().qualifiedName() + " --help'");
    session.err().flush();
    return USAGE;
  }

  /** The one-line message of a failure. */
  String describe(Throwable failure) {
    return switch (failure) {
      case JaisException e -> describe(e);
      case UncheckedIOException e -> describe(e.getCause());
      case NoSuchFileException e -> "no such file or directory: " + e.getFile();
      case AccessDeniedException e -> "permission denied: " + e.getFile();
      case FileAlreadyExistsException e -> "already exists: " + e.getFile();
      case IOException e -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      case IllegalArgumentException e -> e.getMessage();
      case CommandFailedException e -> e.getMessage();
      default -> "internal error: " + failure + " (run with JAIS_DEBUG=1 for details)";
    };
  }

  private String describe(JaisException failure) {
    String message = failure.getMessage() == null ? failure.code().name() : failure.getMessage();
    if (failure.code() == ErrorCode.UNAVAILABLE && message.startsWith("cannot reach " + origin(session.endpoint()))) {
      return "cannot reach " + session.endpoint() + ": is the cluster running? (" + session.endpointSource() + ")";
    }
    if (failure.code() == ErrorCode.NOT_IMPLEMENTED) {
      return "not supported by this cluster yet: " + message;
    }
    return message;
  }

  private static String origin(String endpoint) {
    try {
      URI uri = URI.create(endpoint);
      return uri.getScheme() + "://" + uri.getRawAuthority();
    } catch (IllegalArgumentException e) {
      return endpoint;
    }
  }
}
