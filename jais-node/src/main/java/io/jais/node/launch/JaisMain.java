package io.jais.node.launch;

import io.jais.api.config.LocalConfig;
import io.jais.api.error.JaisException;
import io.jais.api.json.WireJson;
import io.jais.node.Node;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point of the node distribution ({@code ./jais playground}, {@code ./jais node}). Errors
 * are one clear line on stderr and a non-zero exit status.
 */
public final class JaisMain {
  private JaisMain() {}

  public static void main(String[] args) {
    try {
      System.exit(run(args));
    } catch (UsageException e) {
      System.err.println("jais: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
    } catch (JaisException e) {
      System.err.println("jais: " + e.getMessage());
      System.exit(1);
    } catch (Exception e) {
      System.err.println("jais: " + e);
      System.exit(1);
    }
  }

  static final String USAGE = """
      usage: jais playground [--proxies N] [--targets N] [--port P] [--dir D] [--mountpaths K]
               a whole cluster in one process; defaults: 1 proxy, 3 targets with 2 mountpaths each,
               proxies on port P (8080) and up, targets on P+100 and up,
               data in $XDG_DATA_HOME/jais/playground (~/.local/share/jais/playground)
             jais node --config FILE
               one proxy or target from a JSON config file (see docs/getting-started.md)""";

  static int run(String[] args) throws Exception {
    if (args.length == 0) {
      throw new UsageException("missing command");
    }
    if (args.length > 1 && (args[1].equals("--help") || args[1].equals("-h"))) {
      System.out.println(USAGE);
      return 0;
    }
    return switch (args[0]) {
      case "playground" -> Playground.run(PlaygroundOptions.parse(args));
      case "node" -> runNode(args);
      case "help", "--help", "-h" -> {
        System.out.println(USAGE);
        yield 0;
      }
      default -> throw new UsageException("unknown command \"" + args[0] + "\"");
    };
  }

  private static int runNode(String[] args) throws Exception {
    if (args.length != 3 || !args[1].equals("--config")) {
      throw new UsageException("node needs --config FILE");
    }
    LocalConfig config;
    try {
      config = WireJson.parse(Files.readAllBytes(Path.of(args[2])), LocalConfig.class);
    } catch (NoSuchFileException e) {
      throw new UsageException("config file not found: " + args[2]);
    }
    Node node = Node.start(config);
    node.onLeft(() -> System.exit(0)); // told to shut down or decommissioned
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      node.close();
      stopped.countDown();
    }));
    System.out.println(node.snode().displayName() + " listening on " + node.url());
    stopped.await();
    return 0;
  }

  /** Bad command-line arguments: reported with the usage text. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
