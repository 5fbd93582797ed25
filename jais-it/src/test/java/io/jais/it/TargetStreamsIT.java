package io.jais.it;

import static io.jais.it.RawHttp.json;
import static io.jais.it.RawHttp.send;
import static io.jais.it.RawHttp.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Snode;
import io.jais.api.error.ErrorCode;
import io.jais.node.Node;
import io.jais.node.launch.LocalCluster;
import io.jais.node.storage.Checksum;
import io.jais.node.storage.ChecksumType;
import io.jais.node.storage.Checksummer;
import io.jais.node.target.StreamedPutReceiver;
import io.jais.node.transport.Ack;
import io.jais.node.transport.Body;
import io.jais.node.transport.ObjectHeader;
import io.jais.node.transport.Peer;
import io.jais.testkit.JaisCluster;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Targets of a real cluster send objects to each other over their streams, each to the target
 * that owns it by HRW (as rebalance will), and the owner stores them: afterwards every object
 * reads back through the proxy with its bytes, checksum and custom metadata.
 */
@JaisCluster(proxies = 1, targets = 3)
class TargetStreamsIT {
  private static final String BUCKET = "streamed";

  private final LocalCluster cluster;

  @TempDir Path dir;

  TargetStreamsIT(LocalCluster cluster) {
    this.cluster = cluster;
  }

  @BeforeAll
  static void createBucket(LocalCluster cluster) throws Exception {
    HttpResponse<byte[]> r = send("POST", cluster.endpoint() + "/v1/buckets/" + BUCKET + "?provider=ais",
        json("{\"action\":\"create-bck\",\"name\":\"\",\"value\":null}"), "Content-Type", "application/json");
    assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
  }

  @Test
  void everyTarget_advertisesItsOwnStreamPort() {
    Set<String> dataUrls = new HashSet<>();
    for (Snode target : cluster.primary().state().smap().targets().values()) {
      assertThat(target.dataUrl()).startsWith("tcp://127.0.0.1:").isNotEqualTo(target.url())
          .isNotEqualTo(target.controlUrl().replace("http://", "tcp://"));
      dataUrls.add(target.dataUrl());
    }
    assertThat(dataUrls).hasSize(3);
  }

  @Test
  void objectsSentToTheirOwners_areStoredAndReadBackThroughTheProxy() throws Exception {
    Node source = cluster.targets().get(0);
    Bucket bucket = Bucket.ais(BUCKET);
    SplittableRandom random = new SplittableRandom(11);
    Map<String, byte[]> sent = new LinkedHashMap<>();
    List<CompletableFuture<Ack>> acks = new ArrayList<>();
    Set<String> owners = new HashSet<>();
    for (int i = 0; sent.size() < 40; i++) {
      String name = "moved/" + i;
      Snode owner = source.state().smap().owner(bucket, name);
      if (owner.id().equals(source.snode().id())) {
        continue; // it stays here
      }
      owners.add(owner.id());
      byte[] data = new byte[i % 10 == 0 ? 0 : random.nextInt(1, 3 << 20)];
      random.nextBytes(data);
      ObjectHeader header = ObjectHeader.of(StreamedPutReceiver.TRNAME, bucket, name)
          .withChecksum(Checksummer.compute(ChecksumType.XXHASH2, data))
          .withCustom(Map.of("moved-from", source.snode().id()));
      Body body = i % 2 == 0 ? Body.of(data) : Body.ofFile(Files.write(dir.resolve("f" + i), data));
      acks.add(source.streams().send(Peer.of(owner), header, body));
      sent.put(name, data);
    }
    for (CompletableFuture<Ack> ack : acks) {
      assertThat(ack.get(60, TimeUnit.SECONDS)).isEqualTo(Ack.OK);
    }
    assertThat(owners).as("both other targets received objects").hasSize(2);

    for (Map.Entry<String, byte[]> object : sent.entrySet()) {
      String url = cluster.endpoint() + "/v1/objects/" + BUCKET + "/" + object.getKey() + "?provider=ais";
      HttpResponse<byte[]> get = send("GET", url, null);
      assertThat(get.statusCode()).as(object.getKey()).isEqualTo(200);
      assertThat(get.body()).as(object.getKey()).isEqualTo(object.getValue());
      assertThat(get.headers().firstValue("Ais-Checksum-Value"))
          .hasValue(Checksummer.compute(ChecksumType.XXHASH2, object.getValue()).value());
      assertThat(get.headers().allValues("Ais-Custom-Md").toString()).contains("moved-from=" + source.snode().id());
    }
  }

  @Test
  void refusedObjects_areAcknowledgedWithTheStoresErrorAndLeaveNothing() throws Exception {
    Node source = cluster.targets().get(0);
    Node destination = cluster.targets().get(1);
    Peer peer = Peer.of(destination.snode());
    byte[] data = "twelve bytes".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    Ack noBucket = source.streams().send(peer, ObjectHeader.of(StreamedPutReceiver.TRNAME, Bucket.ais("nope"), "o"),
        Body.of(data)).get(60, TimeUnit.SECONDS);
    Ack badChecksum = source.streams().send(peer, ObjectHeader.of(StreamedPutReceiver.TRNAME, Bucket.ais(BUCKET),
        "corrupt").withChecksum(new Checksum(ChecksumType.XXHASH2, "0123456789abcdef")), Body.of(data))
        .get(60, TimeUnit.SECONDS);

    assertThat(noBucket.code()).isEqualTo(ErrorCode.BUCKET_NOT_FOUND);
    assertThat(badChecksum.code()).isEqualTo(ErrorCode.BAD_DIGEST);
    String direct = destination.url() + "/v1/objects/" + BUCKET + "/corrupt?provider=ais&jais-local=true";
    assertThat(send("HEAD", direct, null).statusCode()).isEqualTo(404);
  }
}
