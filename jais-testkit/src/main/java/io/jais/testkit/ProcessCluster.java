package io.jais.testkit;

import io.jais.api.cluster.NodeRole;
import io.jais.api.cluster.Smap;
import io.jais.api.config.LocalConfig;
import io.jais.api.json.WireJson;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A cluster of separate node processes on this machine ({@code JaisMain node --config FILE}, the
 * test JVM's JDK and classpath): proxies p1 (the primary at start), p2, ... and targets t1, t2, ..., each with its config,
 * metadata, mountpaths and log under {@code dir}, all sharing one cluster secret. For fault tests
 * that need what an in-process cluster cannot give: kill -9, freezing a process (SIGSTOP), a node
 * restarting on its data, real memory and CPU contention between nodes.
 */
public final class ProcessCluster implements AutoCloseable {
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

  private final Path dir;
  private final NodeProcess proxy;
  private final List<NodeProcess> proxies = new ArrayList<>();
  private final List<NodeProcess> targets = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  private ProcessCluster(Path dir, NodeProcess proxy) {
    this.dir = dir;
    this.proxy = proxy;
    this.proxies.add(proxy);
  }

  /** {@link #start(Path, int, int, int, List)} with one proxy. */
  public static ProcessCluster start(Path dir, int targets, int mountpaths, List<String> jvmOptions)
      throws Exception {
    return start(dir, 1, targets, mountpaths, jvmOptions);
  }

  /**
   * Starts the proxy, then the targets, and returns once every target is in the primary's map.
   *
   * @param jvmOptions extra options for every node's JVM (e.g. {@code -Xmx512m})
   */
  public static ProcessCluster start(Path dir, int proxies, int targets, int mountpaths, List<String> jvmOptions)
      throws Exception {
    Path secret = dir.resolve("cluster.secret");
    int proxyPort = freePort();
    NodeProcess proxy = new NodeProcess("p1", dir.resolve("p1"), new LocalConfig(NodeRole.PROXY, "p1", "127.0.0.1", "",
        proxyPort, dir.resolve("p1/meta").toString(), List.of(), "", 0, 0, secret.toString(), ""), jvmOptions);
    ProcessCluster cluster = new ProcessCluster(dir, proxy);
    try {
      proxy.start();
      for (int i = 2; i <= proxies; i++) {
        String id = "p" + i;
        NodeProcess other = new NodeProcess(id, dir.resolve(id), new LocalConfig(NodeRole.PROXY, id, "127.0.0.1", "",
            freePort(), dir.resolve(id + "/meta").toString(), List.of(), proxy.url(), 0, 0, secret.toString(), ""),
            jvmOptions);
        cluster.proxies.add(other);
        other.start();
      }
      for (int i = 1; i <= targets; i++) {
        cluster.newTarget(mountpaths, jvmOptions).start();
      }
      try {
        cluster.awaitSmap("all " + proxies + " proxies and " + targets + " targets joined", Duration.ofSeconds(180),
            smap -> smap.targets().size() == targets && smap.proxies().size() == proxies);
        cluster.awaitEveryNodeHasThePrimarysMap(Duration.ofSeconds(60));
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "; node logs:\n" + cluster.logs(), e);
      }
      return cluster;
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
  }

  private NodeProcess newTarget(int mountpaths, List<String> jvmOptions) throws IOException {
    String id = "t" + (targets.size() + 1);
    Path home = dir.resolve(id);
    List<String> mps = new ArrayList<>();
    for (int k = 1; k <= mountpaths; k++) {
      mps.add(Files.createDirectories(home.resolve("mp" + k)).toString());
    }
    NodeProcess target = new NodeProcess(id, home, new LocalConfig(NodeRole.TARGET, id, "127.0.0.1", "",
        freePort(), home.resolve("meta").toString(), mps, proxy.url(), 0, 0, dir.resolve("cluster.secret").toString(),
        ""), jvmOptions);
    targets.add(target);
    return target;
  }

  /**
   * Starts one more target (ID {@code t<N+1>}, {@code mountpaths} mountpaths, the JVM options of
   * the first target) and returns once the primary's map has it.
   */
  public NodeProcess addTarget(int mountpaths) throws Exception {
    NodeProcess target = newTarget(mountpaths, targets.isEmpty() ? List.of() : targets.getFirst().jvmOptions);
    target.start();
    String id = target.id();
    try {
      awaitSmap(id + " joined", Duration.ofSeconds(120), smap -> smap.targets().containsKey(id));
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; node logs:\n" + logs(), e);
    }
    return target;
  }

  /** The first proxy's URL (the primary, until a failover or set-primary). */
  public String endpoint() {
    return proxy.url();
  }

  /** The first proxy (the primary at start). */
  public NodeProcess proxy() {
    return proxy;
  }

  /** Every proxy, p1 (the primary at start) first. */
  public List<NodeProcess> proxies() {
    return List.copyOf(proxies);
  }

  /** The cluster map as {@code node} serves it now. */
  public Smap smapOf(NodeProcess node) throws IOException, InterruptedException {
    HttpResponse<byte[]> reply = http.send(HttpRequest.newBuilder(URI.create(node.url() + "/v1/daemon?what=smap"))
        .timeout(CALL_TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
    if (reply.statusCode() != 200) {
      throw new IOException("GET smap from " + node.id() + ": HTTP " + reply.statusCode());
    }
    return WireJson.parse(reply.body(), Smap.class);
  }

  public List<NodeProcess> targets() {
    return List.copyOf(targets);
  }

  public Path dir() {
    return dir;
  }

  /**
   * The cluster map as the primary serves it now: the first running proxy whose own map names it
   * primary (after a failover, not necessarily p1).
   */
  public Smap smap() throws IOException, InterruptedException {
    IOException last = null;
    for (NodeProcess p : proxies) {
      if (!p.isAlive()) {
        continue;
      }
      try {
        Smap smap = smapOf(p);
        if (smap.isPrimary(p.id())) {
          return smap;
        }
      } catch (IOException e) {
        last = e;
      }
    }
    throw last != null ? last : new IOException("no running proxy is primary");
  }

  /** Waits until the primary's map satisfies {@code condition} (the primary unreachable counts as no). */
  public Smap awaitSmap(String what, Duration timeout, Predicate<Smap> condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        Smap smap = smap();
        if (condition.test(smap)) {
          return smap;
        }
      } catch (IOException e) {
        // not up yet, or frozen: keep asking
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
      }
      Thread.sleep(100);
    }
  }

  /** Waits until every running node holds the primary's map version (a join reply can still be on its way). */
  public void awaitEveryNodeHasThePrimarysMap(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        long version = smap().version();
        boolean all = true;
        for (NodeProcess node : all()) {
          if (node.isAlive() && smapOf(node).version() != version) {
            all = false;
            break;
          }
        }
        if (all) {
          return;
        }
      } catch (IOException e) {
        // a node not up yet
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for every node to hold the primary's map");
      }
      Thread.sleep(100);
    }
  }

  private List<NodeProcess> all() {
    List<NodeProcess> nodes = new ArrayList<>(proxies);
    nodes.addAll(targets);
    return nodes;
  }

  /** The last lines of every node's log, for failure messages. */
  public String logs() {
    StringBuilder all = new StringBuilder();
    List<NodeProcess> nodes = new ArrayList<>(proxies);
    nodes.addAll(targets);
    for (NodeProcess node : nodes) {
      all.append("--- ").append(node.id()).append(" (").append(node.log()).append(")\n");
      try {
        List<String> lines = Files.readAllLines(node.log());
        lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(l -> all.append(l).append('\n'));
      } catch (IOException e) {
        all.append("(no log: ").append(e.getMessage()).append(")\n");
      }
    }
    return all.toString();
  }

  @Override
  public void close() {
    for (NodeProcess target : targets) {
      target.kill();
    }
    for (NodeProcess p : proxies.reversed()) {
      p.kill();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** One node's process: its config file, log and signals. */
  public static final class NodeProcess {
    private final String id;
    private final Path home;
    private final LocalConfig config;
    private final List<String> jvmOptions;
    private Process process;

    NodeProcess(String id, Path home, LocalConfig config, List<String> jvmOptions) {
      this.id = id;
      this.home = home;
      this.config = config;
      this.jvmOptions = List.copyOf(jvmOptions);
    }

    public String id() {
      return id;
    }

    public String url() {
      return "http://127.0.0.1:" + config.port();
    }

    public Path home() {
      return home;
    }

    /** The target's mountpath directories (none for a proxy). */
    public List<Path> mountpaths() {
      return config.mountpaths().stream().map(Path::of).toList();
    }

    public Path log() {
      return home.resolve("node.log");
    }

    /** Starts (or restarts, on the same data and ports) the node's process. */
    public void start() throws IOException {
      Files.createDirectories(home);
      Path file = home.resolve("config.json");
      Files.write(file, WireJson.toBytes(config));
      String java = ProcessHandle.current().info().command().orElse("java");
      List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
          "--sun-misc-unsafe-memory-access=allow"));
      command.addAll(jvmOptions);
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.jais.node.launch.JaisMain", "node",
          "--config", file.toString()));
      process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile())).start();
    }

    /** SIGKILL, as a crash: nothing is flushed or closed. */
    public void kill() {
      if (process != null) {
        process.destroyForcibly();
        try {
          process.waitFor();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    /** SIGSTOP: the process stops answering anything, as a node stuck in a long pause. */
    public void freeze() throws IOException, InterruptedException {
      signal("STOP");
    }

    /** SIGCONT after {@link #freeze}. */
    public void thaw() throws IOException, InterruptedException {
      signal("CONT");
    }

    public boolean isAlive() {
      return process != null && process.isAlive();
    }

    private void signal(String name) throws IOException, InterruptedException {
      int rc = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
      if (rc != 0) {
        throw new IOException("kill -" + name + " " + process.pid() + " exited " + rc);
      }
    }
  }
}
