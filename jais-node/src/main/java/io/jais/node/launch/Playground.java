package io.jais.node.launch;

import java.util.concurrent.CountDownLatch;

/**
 * {@code jais playground}: a whole cluster in this process, on fixed ports from {@code --port}
 * (proxies at port, port+1, ...; targets at port+100, port+101, ...), data under {@code --dir}.
 * Started again on the same directory it comes back with every bucket and object.
 */
final class Playground {
  private Playground() {}

  static int run(PlaygroundOptions options) throws Exception {
    System.out.println("starting JAIS playground: " + options.proxies() + " proxy(ies), " + options.targets()
        + " target(s) x " + options.mountpaths() + " mountpaths, data in " + options.dir());
    LocalCluster cluster = LocalCluster.start(options.dir(), options.proxies(), options.targets(), options.port(),
        options.mountpaths());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("stopping JAIS playground...");
      cluster.close();
      stopped.countDown();
    }, "playground-shutdown"));
    System.out.println("JAIS is ready: AIS_ENDPOINT=" + cluster.endpoint()
        + "  (cluster " + cluster.primary().state().clusterUuid() + ", Smap v"
        + cluster.primary().state().smap().version() + "; Ctrl-C to stop)");
    stopped.await();
    return 0;
  }
}
