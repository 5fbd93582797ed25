package io.jais.node.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jais.api.job.JobSnapshot;
import io.jais.api.job.JobStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a job's cluster-wide status follows from its targets' snapshots. */
class JobCoordinatorTest {
  private static JobSnapshot snapshot(String end, boolean aborted, String abortError, String error) {
    return new JobSnapshot("J1", "lru", "2026-01-01T00:00:00Z", end, null, null, null, "", abortError, error, 0,
        Map.of(), aborted, !end.equals(JobSnapshot.ZERO_TIME), null);
  }

  @Test
  void ended_onlyWhenEveryTargetEnded_withTheLatestEndTime() {
    JobStatus running = JobCoordinator.aggregate("J1", List.of(snapshot("2026-01-01T00:00:01Z", false, "", ""),
        snapshot(JobSnapshot.ZERO_TIME, false, "", "")), Map.of());
    JobStatus ended = JobCoordinator.aggregate("J1", List.of(snapshot("2026-01-01T00:00:01Z", false, "", ""),
        snapshot("2026-01-01T00:00:02.5Z", false, "", "")), Map.of());

    assertThat(running.endTimeNanos()).isZero();
    assertThat(running.idle()).isFalse();
    assertThat(ended.endTimeNanos()).isEqualTo(1767225602_500000000L);
    assertThat(ended.error()).isEmpty();
    assertThat(ended.aborted()).isFalse();
    assertThat(ended.kind()).isEqualTo("lru");
  }

  @Test
  void abortedAnywhere_isAborted_withTheReasonBeforeOtherErrors() {
    JobStatus status = JobCoordinator.aggregate("J1", List.of(snapshot("2026-01-01T00:00:01Z", false, "", "disk full"),
        snapshot("2026-01-01T00:00:01Z", true, "user abort", "")), Map.of());

    assertThat(status.aborted()).isTrue();
    assertThat(status.error()).isEqualTo("user abort");
    assertThat(status.finished()).isTrue();
  }

  @Test
  void silentTarget_neverEnded_andNamedInErr() {
    JobStatus status = JobCoordinator.aggregate("J1", List.of(snapshot("2026-01-01T00:00:01Z", false, "", "")),
        Map.of("t2", "cannot query jobs: t[t2] did not answer (timeout)"));

    assertThat(status.endTimeNanos()).isZero();
    assertThat(status.error()).contains("t[t2] did not answer");
  }
}
