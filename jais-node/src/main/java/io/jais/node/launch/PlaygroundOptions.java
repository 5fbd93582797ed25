package io.jais.node.launch;

import java.nio.file.Path;

/** Options of {@code jais playground}, with the defaults of a first run. */
record PlaygroundOptions(int proxies, int targets, int port, Path dir, int mountpaths) {
  static PlaygroundOptions parse(String[] args) {
    int proxies = 1;
    int targets = 3;
    int port = 8080;
    int mountpaths = 2;
    Path dir = defaultDir();
    for (int i = 1; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new JaisMain.UsageException(flag + " needs a value");
      }
      String value = args[++i];
      switch (flag) {
        case "--proxies" -> proxies = positive(flag, value);
        case "--targets" -> targets = positive(flag, value);
        case "--port" -> port = positive(flag, value);
        case "--mountpaths" -> mountpaths = positive(flag, value);
        case "--dir" -> dir = Path.of(value);
        default -> throw new JaisMain.UsageException("unknown option " + flag);
      }
    }
    if (port + 1100 + targets > 65535) {
      throw new JaisMain.UsageException("--port " + port + " leaves no room for " + targets
          + " targets (their ports are port + 100 + N, control ports 1000 above)");
    }
    return new PlaygroundOptions(proxies, targets, port, dir.toAbsolutePath(), mountpaths);
  }

  private static int positive(String flag, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new JaisMain.UsageException(flag + ": \"" + value + "\" (expected a positive integer)");
  }

  /** A per-user directory: $XDG_DATA_HOME/jais/playground or ~/.local/share/jais/playground. */
  private static Path defaultDir() {
    String xdg = System.getenv("XDG_DATA_HOME");
    Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
    return base.resolve("jais").resolve("playground");
  }
}
