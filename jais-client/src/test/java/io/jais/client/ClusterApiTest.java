package io.jais.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.Provider;
import io.jais.api.cluster.NetInfo;
import io.jais.api.cluster.NodeRole;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterApiTest {
  private FakeAis fake;
  private JaisClient client;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeAis();
    client = JaisClient.create(fake.proxyUrl());
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  private static Snode target(String id, int port) {
    return Snode.of(id, NodeRole.TARGET, NetInfo.of("http", "10.0.0." + (port - 8079), port));
  }

  private static Smap specSmap(Snode... targets) {
    Map<String, Snode> tmap = new LinkedHashMap<>();
    for (Snode t : targets) {
      tmap.put(t.id(), t);
    }
    Snode primary = Snode.of("pKWQp8080", NodeRole.PROXY, NetInfo.of("http", "10.0.0.1", 8080));
    return new Smap(Map.of(primary.id(), primary), tmap, primary, "Kg0bqH7tS", "2026-08-20 09:15:02", 17);
  }

  @Test
  void smap_specTargets_haveSpecDigestsOverTheWire() {
    fake.smap(specSmap(target("tAbcd8081", 8081), target("tEfgh8082", 8082), target("tIjkl8083", 8083)));

    Smap smap = client.cluster().smap();

    assertThat(Long.toUnsignedString(smap.targets().get("tAbcd8081").idDigest())).isEqualTo("5970719217539177746");
    assertThat(Long.toUnsignedString(smap.targets().get("tEfgh8082").idDigest())).isEqualTo("10202005444942865041");
    assertThat(Long.toUnsignedString(smap.targets().get("tIjkl8083").idDigest())).isEqualTo("16944607354134433897");
    assertThat(smap.version()).isEqualTo(17);
  }

  @ParameterizedTest
  @CsvSource({
      "ais, imagenet, train/0001.jpg, tAbcd8081, http://10.0.0.2:8081",
      "ais, bck, obj, tEfgh8082, http://10.0.0.3:8082",
      "aws, my-s3, a/b/c.txt, tIjkl8083, http://10.0.0.4:8083",
  })
  void owner_specVectors_matchSpecOwner(String provider, String bucketName, String object, String owner, String url) {
    fake.smap(specSmap(target("tAbcd8081", 8081), target("tEfgh8082", 8082), target("tIjkl8083", 8083)));
    Bucket bucket = new Bucket(bucketName, Provider.parse(provider), null);

    assertThat(client.cluster().owner(bucket, object).id()).isEqualTo(owner);
    assertThat(client.cluster().ownerUrl(bucket, object)).isEqualTo(URI.create(
        url + "/v1/objects/" + bucketName + "/" + object + "?provider=" + provider));
  }

  @Test
  void owner_ownerInMaintenance_picksAnotherTarget() {
    fake.smap(specSmap(target("tAbcd8081", 8081), target("tEfgh8082", 8082).withFlags(Snode.MAINTENANCE),
        target("tIjkl8083", 8083)));

    assertThat(client.cluster().owner(Bucket.ais("bck"), "obj").id()).isNotEqualTo("tEfgh8082");
  }

  @Test
  void owner_noTargets_throwsUnavailable() {
    fake.smap(specSmap());

    assertThatThrownBy(() -> client.cluster().owner(Bucket.ais("bck"), "obj"))
        .isInstanceOfSatisfying(JaisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
  }

  @Test
  void ownerUrl_fakeTarget_servesDirectRead() throws Exception {
    Bucket bucket = Bucket.ais("direct");
    fake.addBucket(bucket);
    fake.addObject(bucket, "x y", new byte[] {1, 2, 3});

    URI url = client.cluster().ownerUrl(bucket, "x y");

    assertThat(url.toString()).isEqualTo(fake.targetUrl() + "/v1/objects/direct/x%20y?provider=ais");
    try (var in = url.toURL().openStream()) {
      assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
    }
  }

  @Test
  void healthy_runningFake_returnsTrue() {
    assertThat(client.cluster().healthy()).isTrue();
  }

  @Test
  void healthy_nothingListening_returnsFalse() {
    try (JaisClient dead = JaisClient.create("http://127.0.0.1:1")) {
      assertThat(dead.cluster().healthy()).isFalse();
    }
  }

  @Test
  void config_fake_parsesClusterConfig() {
    assertThat(client.cluster().config().checksum().type()).isEqualTo("xxhash2");
  }
}
