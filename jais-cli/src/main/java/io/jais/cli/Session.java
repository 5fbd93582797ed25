package io.jais.cli;

import io.jais.client.JaisClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What every command of one invocation shares: the standard streams, the environment and the
 * client. The client is created on first use so that {@code --help}, completion and argument
 * errors never pay for an HTTP client. Not thread-safe except {@link #client()}, which worker
 * threads of a transfer may call once it exists.
 */
public final class Session implements AutoCloseable {
  /** Where the cluster is when {@code AIS_ENDPOINT} is not set (as in the AIS CLI). */
  public static final String DEFAULT_ENDPOINT = "http://localhost:8080";

  private final Map<String, String> env;
  private final InputStream stdin;
  private final OutputStream stdout;
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean terminalInput;
  private BufferedReader answers;
  private volatile JaisClient client;

  /** A session whose standard input is not a terminal: it never asks questions. */
  public Session(Map<String, String> env, InputStream stdin, OutputStream stdout, OutputStream stderr) {
    this(env, stdin, stdout, stderr, false);
  }

  /**
   * @param terminalInput whether standard input is a terminal, i.e. someone can answer a
   *     confirmation question (see {@link Confirmation})
   */
  public Session(Map<String, String> env, InputStream stdin, OutputStream stdout, OutputStream stderr,
      boolean terminalInput) {
    this.env = Map.copyOf(env);
    this.stdin = stdin;
    this.terminalInput = terminalInput;
    this.stdout = stdout;
    this.out = new PrintWriter(stdout, true, StandardCharsets.UTF_8);
    this.err = new PrintWriter(stderr, true, StandardCharsets.UTF_8);
  }

  /** The process's own streams and environment. */
  public static Session system() {
    return new Session(System.getenv(), System.in, System.out, System.err, stdinIsTerminal());
  }

  /**
   * Whether this process's standard input is a terminal. The JVM only tells whether stdin and
   * stdout both are ({@code Console.isTerminal}), and {@code jais put dir ais://b > log} must still
   * be able to ask; on Linux {@code /proc/self/fd/0} names the device itself.
   */
  private static boolean stdinIsTerminal() {
    try {
      String device = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
      return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      java.io.Console console = System.console();
      return console != null && console.isTerminal();
    }
  }

  /** {@code AIS_ENDPOINT}, or the default. */
  public String endpoint() {
    String value = env.getOrDefault("AIS_ENDPOINT", "").strip();
    return value.isEmpty() ? DEFAULT_ENDPOINT : value;
  }

  /** How the endpoint was chosen, for error messages. */
  public String endpointSource() {
    return env.containsKey("AIS_ENDPOINT") ? "AIS_ENDPOINT=" + env.get("AIS_ENDPOINT") : "AIS_ENDPOINT not set";
  }

  /** The client of {@link #endpoint()}, created on first call. */
  public JaisClient client() {
    JaisClient current = client;
    if (current == null) {
      synchronized (this) {
        if (client == null) {
          client = JaisClient.builder(endpoint()).token(env.get("AIS_AUTHN_TOKEN")).build();
        }
        current = client;
      }
    }
    return current;
  }

  /** Text output (tables, messages). */
  public PrintWriter out() {
    return out;
  }

  /** Diagnostics and progress. */
  public PrintWriter err() {
    return err;
  }

  /** Raw standard output for object bytes ({@code get -}, {@code cat}); flush {@link #out()} first. */
  public OutputStream stdout() {
    out.flush();
    return stdout;
  }

  public InputStream stdin() {
    return stdin;
  }

  /** Whether someone can answer a question on standard input. */
  public boolean terminalInput() {
    return terminalInput;
  }

  /** The next line typed on standard input, or {@code null} at its end. */
  String readLine() {
    try {
      if (answers == null) {
        answers = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
      }
      return answers.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether progress bars may be drawn: the launcher sets {@code JAIS_PROGRESS=1} when standard
   * error is a terminal, which the JVM cannot tell on its own.
   */
  public boolean interactive() {
    return "1".equals(env.get("JAIS_PROGRESS"));
  }

  @Override
  public void close() {
    out.flush();
    err.flush();
    JaisClient current = client;
    if (current != null) {
      current.close();
    }
  }
}
