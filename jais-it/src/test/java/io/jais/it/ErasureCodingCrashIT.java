package io.jais.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.testkit.Await;
import io.jais.testkit.ProcessCluster;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four target processes hold an EC 2+1 bucket (large objects sliced, small ones replicated); one
 * target is killed with SIGKILL while clients read: once the cluster map has dropped it, every
 * object is served with the right bytes (those it owned rebuilt from slices or replicas on the
 * others), no read ever returns wrong bytes; after it restarts on its data, every object still
 * reads the same.
 */
class ErasureCodingCrashIT {
  private static final Bucket BUCKET = Bucket.ais("ec-crash");
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private ProcessCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void killOneOfFourTargets_underReadLoad_everyObjectStillServed_andConsistentAfterRestart() throws Exception {
    cluster = ProcessCluster.start(dir, 4, 2, List.of("-Xmx256m"));
    String endpoint = cluster.endpoint();
    assertThat(RawHttp.send("POST", endpoint + "/v1/buckets/ec-crash?provider=ais",
        RawHttp.json("{\"action\":\"create-bck\"}")).statusCode()).isEqualTo(200);
    HttpResponse<byte[]> props = RawHttp.send("PATCH", endpoint + "/v1/buckets/ec-crash?provider=ais",
        RawHttp.json("{\"action\":\"set-bprops\",\"value\":{\"ec\":{\"enabled\":true,\"data_slices\":2,"
            + "\"parity_slices\":1,\"objsize_limit\":65536}}}"));
    assertThat(props.statusCode()).as(RawHttp.text(props)).isEqualTo(200);

    Map<String, byte[]> objects = new LinkedHashMap<>();
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 40; i++) {
      byte[] data = new byte[i % 4 == 0 ? random.nextInt(1, 60_000) : random.nextInt(70_000, 900_000)];
      random.nextBytes(data);
      String name = "obj-" + i;
      assertThat(RawHttp.send("PUT", endpoint + "/v1/objects/ec-crash/" + name + "?provider=ais", data).statusCode())
          .isEqualTo(200);
      objects.put(name, data);
    }
    List<Path> homes = cluster.targets().stream().map(ProcessCluster.NodeProcess::home).toList();
    for (Map.Entry<String, byte[]> e : objects.entrySet()) {
      int expected = e.getValue().length < 65536 ? 1 : 3;
      Await.until("slices of " + e.getKey(), WAIT, () -> sliceCount(homes, e.getKey()) == expected);
    }

    Smap before = cluster.smap();
    ProcessCluster.NodeProcess victim = busiestOwner(before, objects.keySet());
    Set<String> victimsObjects = ConcurrentHashMap.newKeySet();
    for (String name : objects.keySet()) {
      if (before.owner(BUCKET, name).id().equals(victim.id())) {
        victimsObjects.add(name);
      }
    }
    assertThat(victimsObjects).as("the victim owns objects").isNotEmpty();

    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger wrongBytes = new AtomicInteger();
    AtomicInteger served = new AtomicInteger();
    List<String> names = List.copyOf(objects.keySet());
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < 4; r++) {
      SplittableRandom pick = new SplittableRandom(100 + r);
      readers.add(Thread.ofVirtual().start(() -> {
        while (running.get()) {
          String name = names.get(pick.nextInt(names.size()));
          try {
            HttpResponse<byte[]> get = RawHttp.send("GET", endpoint + "/v1/objects/ec-crash/" + name + "?provider=ais", null);
            if (get.statusCode() == 200) {
              if (Arrays.equals(get.body(), objects.get(name))) {
                served.incrementAndGet();
              } else {
                wrongBytes.incrementAndGet();
              }
            }
          } catch (IOException e) {
            // the victim's connections are refused until the map drops it: clients retry
          } catch (InterruptedException e) {
            return;
          }
        }
      }));
    }
    Await.until("reads under way", WAIT, () -> served.get() > 20);
    victim.kill();
    cluster.awaitSmap("the killed target dropped from the map", Duration.ofSeconds(90),
        smap -> !smap.contains(victim.id()));

    for (String name : victimsObjects) { // HEAD first: the new owner rebuilds for a HEAD as for a GET
      HttpResponse<byte[]> head = headWithRetry(endpoint, name);
      assertThat(head.headers().firstValue("Content-Length")).as(name).hasValue(Integer.toString(objects.get(name).length));
      assertThat(head.headers().firstValue("ais-version")).as(name).hasValue("1");
    }
    for (Map.Entry<String, byte[]> e : objects.entrySet()) {
      byte[] got = getWithRetry(endpoint, e.getKey());
      assertThat(got).as(e.getKey() + (victimsObjects.contains(e.getKey()) ? " (rebuilt)" : "")).isEqualTo(e.getValue());
    }
    int servedAfterKill = served.get();
    Await.until("reads go on after the kill", WAIT, () -> served.get() > servedAfterKill + 50);
    running.set(false);
    for (Thread reader : readers) {
      reader.join();
    }
    assertThat(wrongBytes.get()).as("reads that returned wrong bytes").isZero();

    victim.start();
    cluster.awaitSmap("the target back", Duration.ofSeconds(90), smap -> smap.contains(victim.id()));
    for (Map.Entry<String, byte[]> e : objects.entrySet()) {
      assertThat(getWithRetry(endpoint, e.getKey())).as(e.getKey() + " after restart").isEqualTo(e.getValue());
      HttpResponse<byte[]> head = RawHttp.send("HEAD", endpoint + "/v1/objects/ec-crash/" + e.getKey() + "?provider=ais", null);
      assertThat(head.headers().firstValue("ais-version")).as(e.getKey()).hasValue("1");
    }
  }

  /** A GET through the proxy, retried on connection failures and 5xx (as the SDKs do) for up to 30 s. */
  private static byte[] getWithRetry(String endpoint, String name) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<byte[]> get = RawHttp.send("GET", endpoint + "/v1/objects/ec-crash/" + name + "?provider=ais", null);
        if (get.statusCode() == 200) {
          return get.body();
        }
        last = get.statusCode() + " " + RawHttp.text(get);
        if (get.statusCode() < 500) {
          break;
        }
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("GET " + name + " failed: " + last);
  }

  private static HttpResponse<byte[]> headWithRetry(String endpoint, String name) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<byte[]> head = RawHttp.send("HEAD", endpoint + "/v1/objects/ec-crash/" + name + "?provider=ais", null);
        if (head.statusCode() == 200) {
          return head;
        }
        last = Integer.toString(head.statusCode());
        if (head.statusCode() < 500) {
          break;
        }
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("HEAD " + name + " failed: " + last);
  }

  private ProcessCluster.NodeProcess busiestOwner(Smap smap, Set<String> names) {
    Map<String, Integer> owned = new LinkedHashMap<>();
    for (String name : names) {
      Snode owner = smap.owner(BUCKET, name);
      owned.merge(owner.id(), 1, Integer::sum);
    }
    String id = owned.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    return cluster.targets().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
  }

  private static int sliceCount(List<Path> homes, String name) {
    try {
      return EcSlices.all(homes, BUCKET, name).size();
    } catch (IOException e) {
      return -1;
    }
  }
}
