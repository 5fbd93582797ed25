package io.jais.it;

import static io.jais.it.RawHttp.json;
import static io.jais.it.RawHttp.send;
import static io.jais.it.RawHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bmd;
import io.jais.api.cluster.Smap;
import io.jais.api.json.WireJson;
import io.jais.testkit.Await;
import io.jais.testkit.ProcessCluster;
import io.jais.testkit.ProcessCluster.NodeProcess;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The primary proxy dies (kill -9) among three, under load on the other two: a new primary is
 * elected, clients of the surviving proxies see nothing but failures they retry, cluster metadata
 * stays consistent and keeps its version order, and the old primary comes back as a proxy. Also
 * set-primary by hand, with every node a separate process.
 */
class PrimaryFailoverIT {
  /** How often a client retries one operation (the AIS SDK retries 5xx and refused connections too). */
  private static final int ATTEMPTS = 60;

  @TempDir
  Path dir;
  private ProcessCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void killingThePrimaryUnderLoad_electsTheNextProxy_clientsOfTheOthersOnlyRetry_metadataStaysConsistent()
      throws Exception {
    cluster = ProcessCluster.start(dir, 3, 3, 1, List.of("-Xmx256m"));
    NodeProcess p1 = cluster.proxies().get(0);
    List<NodeProcess> survivors = cluster.proxies().subList(1, 3);
    Smap before = cluster.smap();
    assertThat(before.isPrimary(p1.id())).isTrue();
    String heir = before.nextPrimary(p1.id()).id();
    created(survivors.get(0).url(), "load");
    Map objects = new Map();
    for (int i = 0; i < 40; i++) {
      objects.put(survivors.get(i % 2).url(), "seed-" + i);
    }
    long bmdBefore = bmdOf(survivors.get(0)).version();

    // load on the two proxies that survive: GETs, PUTs and bucket creations (forwarded to the primary)
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger retried = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    List<String> failures = new CopyOnWriteArrayList<>();
    List<String> bucketsMade = new CopyOnWriteArrayList<>();
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      int client = c;
      clients.add(Thread.ofVirtual().start(() -> {
        int n = 0;
        while (running.get()) {
          String proxy = survivors.get((client + n) % 2).url();
          try {
            if (n % 25 == 24) {
              String bucket = "b-" + client + "-" + n;
              call(retried, "POST", proxy + "/v1/buckets/" + bucket + "?provider=ais",
                  json("{\"action\":\"create-bck\"}"), 200);
              bucketsMade.add(bucket);
            } else if (n % 3 == 0) {
              objects.put(proxy, "c" + client + "-" + n, retried);
            } else {
              objects.check(proxy, retried);
            }
            done.incrementAndGet();
          } catch (Exception | AssertionError e) {
            failures.add(e.toString());
          }
          n++;
        }
      }));
    }
    Thread.sleep(1500);
    long killedAt = System.nanoTime();
    p1.kill();
    Smap elected = awaitPrimaryOtherThan(survivors.get(0), p1.id());
    double electedAfter = (System.nanoTime() - killedAt) / 1e9;
    created(survivors.get(1).url(), "after-failover");
    double servingAfter = (System.nanoTime() - killedAt) / 1e9;
    System.out.printf("FAILOVER: new primary %s elected %.2f s after kill -9 of %s; bucket created through "
        + "another proxy %.2f s after%n", elected.primary().id(), electedAfter, p1.id(), servingAfter);
    Thread.sleep(2000); // load on the new primary
    running.set(false);
    for (Thread t : clients) {
      t.join();
    }

    assertThat(failures).as("failures clients saw after retrying; node logs:\n" + cluster.logs()).isEmpty();
    assertThat(done.get()).isGreaterThan(50);
    assertThat(elected.primary().id()).isEqualTo(heir);
    assertThat(elected.version()).isGreaterThan(before.version());
    assertThat(elected.contains(p1.id())).isFalse();

    // every surviving node holds the same map and BMD, with every bucket made during the failover
    Smap settled = cluster.awaitSmap("all survivors agree", Duration.ofSeconds(30), smap -> true);
    Await.until("every node has the same metadata", Duration.ofSeconds(30), () -> sameEverywhere(settled));
    Bmd bmd = bmdOf(survivors.get(0));
    assertThat(bmd.version()).isGreaterThan(bmdBefore);
    for (String bucket : bucketsMade) {
      assertThat(bmd.contains(io.jais.api.bucket.Bucket.ais(bucket))).as(bucket).isTrue();
    }
    for (NodeProcess proxy : survivors) {
      objects.checkAll(proxy.url());
    }

    // the old primary comes back on its data: it learns the new map and joins as a proxy
    p1.start();
    cluster.awaitSmap(p1.id() + " back as a proxy", Duration.ofSeconds(60),
        smap -> smap.contains(p1.id()) && smap.isPrimary(heir));
    Await.until(p1.id() + " follows " + heir, Duration.ofSeconds(30), () -> {
      try {
        Smap its = cluster.smapOf(p1);
        return its.isPrimary(heir) && !its.isPrimary(p1.id());
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    });
    objects.checkAll(p1.url());
  }

  @Test
  void setPrimaryByHand_movesTheRole_thenTheNewPrimaryDies_andTheNextTakesOver() throws Exception {
    cluster = ProcessCluster.start(dir, 3, 2, 1, List.of("-Xmx256m"));
    NodeProcess p1 = cluster.proxies().get(0);
    NodeProcess p2 = cluster.proxies().get(1);
    NodeProcess p3 = cluster.proxies().get(2);
    long version = cluster.smap().version();
    HttpResponse<byte[]> moved = send("PUT", p3.url() + "/v1/cluster/proxy/" + p2.id(), null);
    assertThat(moved.statusCode()).as(text(moved)).isEqualTo(200);
    Smap after = cluster.awaitSmap(p2.id() + " primary", Duration.ofSeconds(20), smap -> smap.isPrimary(p2.id()));
    assertThat(after.version()).isGreaterThan(version);
    assertThat(after.proxies()).containsKeys(p1.id(), p2.id(), p3.id());
    created(p1.url(), "via-old-primary");
    Smap moved2 = cluster.smap();
    Await.until("every node has the same metadata", Duration.ofSeconds(30), () -> sameEverywhere(moved2));

    p2.kill();
    NodeProcess witness = p1;
    Smap elected = awaitPrimaryOtherThan(witness, p2.id());
    assertThat(elected.primary().id()).isEqualTo(after.nextPrimary(p2.id()).id());
    created(p3.url(), "after-second-failover");
  }

  // --- helpers

  /** Objects put by the load, checked by GET through any proxy. */
  private static final class Map {
    private final java.util.Map<String, String> content = new ConcurrentHashMap<>();

    void put(String proxy, String name) throws Exception {
      put(proxy, name, new AtomicInteger());
    }

    void put(String proxy, String name, AtomicInteger retried) throws Exception {
      String value = name + "-" + ThreadLocalRandom.current().nextInt();
      call(retried, "PUT", proxy + "/v1/objects/load/" + name + "?provider=ais", value.getBytes(StandardCharsets.UTF_8),
          200);
      content.put(name, value);
    }

    void check(String proxy, AtomicInteger retried) throws Exception {
      List<String> names = new ArrayList<>(content.keySet());
      String name = names.get(ThreadLocalRandom.current().nextInt(names.size()));
      HttpResponse<byte[]> got = call(retried, "GET", proxy + "/v1/objects/load/" + name + "?provider=ais", null, 200);
      assertThat(text(got)).as(name).isEqualTo(content.get(name));
    }

    void checkAll(String proxy) throws Exception {
      for (var entry : content.entrySet()) {
        HttpResponse<byte[]> got = call(new AtomicInteger(), "GET",
            proxy + "/v1/objects/load/" + entry.getKey() + "?provider=ais", null, 200);
        assertThat(text(got)).as(entry.getKey()).isEqualTo(entry.getValue());
      }
    }
  }

  /** One operation as the AIS SDK does it: 5xx and connection failures are retried, anything else is final. */
  private static HttpResponse<byte[]> call(AtomicInteger retried, String method, String url, byte[] body, int expected)
      throws Exception {
    String last = "";
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        HttpResponse<byte[]> reply = send(method, url, body);
        if (reply.statusCode() == expected) {
          return reply;
        }
        if (attempt > 1 && reply.statusCode() == 409 && method.equals("POST")) {
          return reply; // a retried create whose first attempt the old primary applied before it died
        }
        last = reply.statusCode() + " " + text(reply);
        if (reply.statusCode() < 500) {
          throw new AssertionError(method + " " + url + ": " + last);
        }
      } catch (IOException e) {
        last = e.toString();
      }
      retried.incrementAndGet();
      Thread.sleep(250);
    }
    throw new AssertionError(method + " " + url + " failed " + ATTEMPTS + " times: " + last);
  }

  private static void created(String proxy, String bucket) throws Exception {
    call(new AtomicInteger(), "POST", proxy + "/v1/buckets/" + bucket + "?provider=ais",
        json("{\"action\":\"create-bck\"}"), 200);
  }

  private Smap awaitPrimaryOtherThan(NodeProcess witness, String gone) throws InterruptedException {
    Smap[] seen = new Smap[1];
    Await.until("a primary other than " + gone, Duration.ofSeconds(60), () -> {
      try {
        Smap smap = cluster.smapOf(witness);
        seen[0] = smap;
        return smap.primary() != null && !smap.isPrimary(gone);
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    });
    return seen[0];
  }

  private Bmd bmdOf(NodeProcess node) throws Exception {
    return WireJson.parse(send("GET", node.url() + "/v1/daemon?what=bmd", null).body(), Bmd.class);
  }

  /** Every running node holds exactly this Smap version and the primary's BMD version. */
  private boolean sameEverywhere(Smap smap) {
    try {
      long bmd = -1;
      List<NodeProcess> nodes = new ArrayList<>(cluster.proxies());
      nodes.addAll(cluster.targets());
      for (NodeProcess node : nodes) {
        if (!node.isAlive()) {
          continue;
        }
        if (cluster.smapOf(node).version() != smap.version()) {
          return false;
        }
        long b = bmdOf(node).version();
        if (bmd >= 0 && b != bmd) {
          return false;
        }
        bmd = b;
      }
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
