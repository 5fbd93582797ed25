package io.jais.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.bucket.Bucket;
import io.jais.api.job.JobArgs;
import io.jais.api.job.JobSnapshot;
import io.jais.api.job.JobStatus;
import io.jais.client.JaisClient;
import io.jais.node.launch.LocalCluster;
import io.jais.testkit.JaisCluster;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A target that does not answer (stopped, still in the cluster map) makes job queries fail with a
 * 503 naming it, makes a status report it without an end time, and makes a start fail without
 * leaving the job running anywhere: never a hang.
 */
@JaisCluster(targets = 2)
class JobsTargetDownIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final LocalCluster cluster;
  private final JaisClient client;

  JobsTargetDownIT(LocalCluster cluster, JaisClient client) {
    this.cluster = cluster;
    this.client = client;
  }

  @Test
  void silentTarget_isAnErrorInTheReply_neverAHang() throws Exception {
    client.cluster().setConfig(Map.of("keepalivetracker.timeout", "10m")); // keep the stopped target in the map
    Bucket bucket = Bucket.ais("down-src");
    client.buckets().create(bucket);
    client.objects().put(bucket, "o", new byte[10]);
    String before = client.jobs().start("lru", null);
    client.jobs().await(before, WAIT);
    String down = cluster.targets().get(1).snode().id();
    String up = cluster.targets().get(0).snode().id();

    cluster.stopTarget(1);

    HttpResponse<byte[]> snapshots = RawHttp.send("GET", cluster.endpoint() + "/v1/cluster?what=qryxstats",
        RawHttp.json("{\"Kind\":\"lru\"}"));
    assertThat(snapshots.statusCode()).isEqualTo(503);
    assertThat(RawHttp.text(snapshots)).contains(down);

    JobStatus status = client.jobs().status(before);
    assertThat(status.endTimeNanos()).as("not known to have ended everywhere").isZero();
    assertThat(status.error()).contains(down).contains("did not answer");

    HttpResponse<byte[]> start = RawHttp.send("POST", cluster.endpoint() + "/v1/buckets/down-src?provider=ais",
        RawHttp.json("{\"action\":\"copy-listrange\",\"value\":{\"objnames\":[\"o\"],\"tobck\":{\"name\":\"down-src\",\"provider\":\"ais\"},\"prepend\":\"c-\"}}"));
    assertThat(start.statusCode()).isEqualTo(503);
    assertThat(RawHttp.text(start)).contains(down);

    cluster.startTarget(1);
    Map<String, List<JobSnapshot>> copies = client.jobs().snapshots(JobArgs.ofKind("copy-listrange"));
    assertThat(copies.get(up)).as("the start that failed elsewhere was stopped where it had started").singleElement()
        .satisfies(s -> {
          assertThat(s.aborted()).isTrue();
          assertThat(s.abortError()).contains("not started on every target");
        });
    assertThat(client.jobs().running(new io.jais.api.job.JobQuery("", "", true))).isEmpty();
  }
}
