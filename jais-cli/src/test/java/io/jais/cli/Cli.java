package io.jais.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs {@code jais} command lines in this JVM against one endpoint, capturing what they print. */
record Cli(String endpoint) {
  /** What one command line did. */
  record Result(int status, String out, String err, byte[] stdout) {
    @Override
    public String toString() {
      return "exit " + status + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  Result run(String... args) {
    return runWithInput(new byte[0], args);
  }

  Result runWithInput(byte[] stdin, String... args) {
    return run(stdin, false, args);
  }

  /** As if typed at a terminal: {@code answers} are the lines the user types to questions. */
  Result runAtTerminal(String answers, String... args) {
    return run(answers.getBytes(StandardCharsets.UTF_8), true, args);
  }

  private Result run(byte[] stdin, boolean terminal, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (Session session = new Session(Map.of("AIS_ENDPOINT", endpoint), new ByteArrayInputStream(stdin), out, err,
        terminal)) {
      status = Main.run(session, args);
    }
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), out.toByteArray());
  }
}
