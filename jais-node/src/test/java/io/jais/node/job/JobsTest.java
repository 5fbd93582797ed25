package io.jais.node.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.job.JobSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's job registry with real jobs on real threads; the journal in a temp directory. */
class JobsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path metaDir;

  private final TestJobs.Clock clock = new TestJobs.Clock();
  private final Map<String, Job> created = new ConcurrentHashMap<>();
  private Jobs jobs;

  /** "lru" is a terminal kind, "copy-listrange" a demand kind, "scrub" fails, "cleanup-store" never ends by itself. */
  private JobKinds kinds(int objects) {
    return JobKinds.builder()
        .add("lru", start -> keep(new TestJobs.Gated(start, objects)))
        .add("copy-listrange", start -> keep(new TestJobs.Gated(start, objects)))
        .add("cleanup-store", start -> keep(new TestJobs.Endless(start)))
        .add("scrub", start -> keep(new TestJobs.Failing(start, start.force())))
        .build();
  }

  private Job keep(Job job) {
    created.put(job.id(), job);
    return job;
  }

  private Jobs open(int historyCount, Duration linger) {
    return Jobs.open("t[test]", kinds(3), metaDir, new Jobs.Options(historyCount, Duration.ofHours(1), linger, clock));
  }

  @AfterEach
  void close() {
    if (jobs != null) {
      jobs.close();
    }
  }

  private TestJobs.Gated gated(String id) {
    return (TestJobs.Gated) created.get(id);
  }

  private JobSnapshot awaitEnd(String id) throws InterruptedException {
    assertThat(created.get(id).awaitEnd(WAIT)).as("job %s ended", id).isTrue();
    return jobs.snapshots(new JobFilter(id, "", null, false)).getFirst();
  }

  @Test
  void terminalJob_runsThenEnds_withCountersTimesAndIdle() throws Exception {
    jobs = open(10, Duration.ofMinutes(1));
    JobSnapshot first = jobs.start(TestJobs.start("Lru0000001", "lru"));
    gated("Lru0000001").started.await();

    JobSnapshot running = jobs.snapshots(new JobFilter("Lru0000001", "", null, false)).getFirst();
    assertThat(first.finished()).isFalse();
    assertThat(running.idle()).isFalse();
    assertThat(running.endTime()).isEqualTo(JobSnapshot.ZERO_TIME);
    assertThat(jobs.running("")).containsExactly("lru[Lru0000001]");

    gated("Lru0000001").go.countDown();
    JobSnapshot done = awaitEnd("Lru0000001");

    assertThat(done.finished()).isTrue();
    assertThat(done.idle()).isTrue();
    assertThat(done.aborted()).isFalse();
    assertThat(done.error()).isEmpty();
    assertThat(done.stats()).containsEntry("loc-objs", "3").containsEntry("loc-bytes", "30").containsEntry("extra", "1")
        .containsKeys("out-objs", "out-bytes", "in-objs", "in-bytes", "errors");
    assertThat(done.startTime()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(jobs.running("")).isEmpty();
  }

  @Test
  void demandJob_idleOnceItsWorkIsDone_staysRunningUntilTheLingerEnds() throws Exception {
    jobs = open(10, Duration.ofHours(1));
    jobs.start(TestJobs.start("Copy000001", "copy-listrange"));
    gated("Copy000001").started.await();
    assertThat(jobs.snapshots(new JobFilter("Copy000001", "", null, false)).getFirst().idle()).isFalse();

    gated("Copy000001").go.countDown();
    JobSnapshot idle = awaitIdle("Copy000001");

    assertThat(idle.finished()).isFalse();
    assertThat(idle.stats()).containsEntry("loc-objs", "3");
    assertThat(jobs.running("copy-listrange")).containsExactly("copy-listrange[Copy000001]");
    assertThat(jobs.running("lru")).isEmpty();
  }

  private JobSnapshot awaitIdle(String id) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      JobSnapshot snapshot = jobs.snapshots(new JobFilter(id, "", null, false)).getFirst();
      if (snapshot.idle()) {
        return snapshot;
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
    throw new AssertionError("job " + id + " did not go idle");
  }

  @Test
  void demandJob_endsByItselfAfterTheLinger_notAborted() throws Exception {
    jobs = open(10, Duration.ZERO);
    jobs.start(TestJobs.start("Copy000002", "copy-listrange"));
    gated("Copy000002").go.countDown();

    JobSnapshot done = awaitEnd("Copy000002");

    assertThat(done.finished()).isTrue();
    assertThat(done.aborted()).isFalse();
    assertThat(done.idle()).isTrue();
  }

  @Test
  void stop_abortsAnIdleDemandJobAtOnce_andAWaitingTerminalOne() throws Exception {
    jobs = open(10, Duration.ofHours(1));
    jobs.start(TestJobs.start("Copy000003", "copy-listrange"));
    jobs.start(TestJobs.start("Lru0000002", "lru"));
    gated("Copy000003").go.countDown();
    awaitIdle("Copy000003");

    assertThat(jobs.stop(new JobFilter("", "copy-listrange", null, false), Jobs.USER_ABORT)).isEqualTo(1);
    assertThat(jobs.stop(new JobFilter("Lru0000002", "", null, false), Jobs.USER_ABORT)).isEqualTo(1);

    for (String id : List.of("Copy000003", "Lru0000002")) {
      JobSnapshot aborted = awaitEnd(id);
      assertThat(aborted.aborted()).isTrue();
      assertThat(aborted.abortError()).isEqualTo("user abort");
      assertThat(aborted.finished()).isTrue();
    }
    assertThat(jobs.stop(new JobFilter("Lru0000002", "", null, false), Jobs.USER_ABORT)).as("already ended").isZero();
  }

  @Test
  void stop_endlessParallelWork_stopsTakingItems() throws Exception {
    jobs = open(10, Duration.ofMinutes(1));
    jobs.start(TestJobs.start("Clean00001", "cleanup-store"));
    TestJobs.Endless endless = (TestJobs.Endless) created.get("Clean00001");
    while (endless.done.get() < 20) {
      TimeUnit.MILLISECONDS.sleep(5);
    }

    jobs.stop(new JobFilter("Clean00001", "", null, false), "test stop");
    JobSnapshot done = awaitEnd("Clean00001");
    long atEnd = endless.done.get();
    TimeUnit.MILLISECONDS.sleep(50);

    assertThat(done.aborted()).isTrue();
    assertThat(done.abortError()).isEqualTo("test stop");
    assertThat(endless.done.get()).as("no item after the end").isEqualTo(atEnd);
  }

  @Test
  void failures_stopTheWork_unlessContinueOnError_andShowInErr() throws Exception {
    jobs = open(10, Duration.ofMinutes(1));
    jobs.start(new JobStart("Scrub00001", "scrub", null, null, 0, false, null));
    jobs.start(new JobStart("Scrub00002", "scrub", null, null, 0, true, null)); // force = continue on error here

    JobSnapshot stopped = awaitEnd("Scrub00001");
    JobSnapshot continued = awaitEnd("Scrub00002");

    assertThat(stopped.error()).isEqualTo("item 3 is broken");
    assertThat(stopped.stats()).containsEntry("loc-objs", "3").containsEntry("errors", "1");
    assertThat(stopped.aborted()).isFalse();
    assertThat(continued.error()).isEqualTo("item 3 is broken; item 6 is broken");
    assertThat(continued.stats()).containsEntry("loc-objs", "8").containsEntry("errors", "2");
  }

  @Test
  void start_sameIdAgain_returnsTheSameJob_otherKindIs409() throws Exception {
    jobs = open(10, Duration.ofMinutes(1));
    jobs.start(TestJobs.start("Same000001", "lru"));
    gated("Same000001").started.await();

    JobSnapshot again = jobs.start(TestJobs.start("Same000001", "lru"));

    assertThat(again.id()).isEqualTo("Same000001");
    assertThat(created).hasSize(1);
    assertThatThrownBy(() -> jobs.start(TestJobs.start("Same000001", "scrub")))
        .isInstanceOfSatisfying(JaisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
  }

  @Test
  void start_badInput_is4xxAndStartsNothing() {
    jobs = open(10, Duration.ofMinutes(1));

    assertThatThrownBy(() -> jobs.start(TestJobs.start("", "lru"))).hasMessageContaining("invalid job ID");
    assertThatThrownBy(() -> jobs.start(TestJobs.start("bad/id", "lru"))).hasMessageContaining("invalid job ID");
    assertThatThrownBy(() -> jobs.start(TestJobs.start("Unknown001", "nonsense")))
        .isInstanceOfSatisfying(JaisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThatThrownBy(() -> jobs.start(TestJobs.start("Rebal00001", "rebalance")))
        .isInstanceOfSatisfying(JaisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_IMPLEMENTED));
    assertThat(created).isEmpty();
    assertThat(jobs.snapshots(JobFilter.ALL)).isEmpty();
  }

  @Test
  void start_byDisplayName_isTheKind() throws Exception {
    jobs = open(10, Duration.ofMinutes(1));

    JobSnapshot started = jobs.start(TestJobs.start("Disp000001", "lru-eviction"));

    assertThat(started.kind()).isEqualTo("lru");
  }

  @Test
  void snapshots_unknownId_is404_kindFilterAndRunningFilter() throws Exception {
    jobs = open(10, Duration.ofMinutes(1));
    jobs.start(TestJobs.start("Done000001", "lru"));
    gated("Done000001").go.countDown();
    awaitEnd("Done000001");
    jobs.start(TestJobs.start("Runs000001", "lru"));

    assertThatThrownBy(() -> jobs.snapshots(new JobFilter("Nope000001", "", null, false)))
        .isInstanceOfSatisfying(JaisException.class, e -> assertThat(e.code().status()).isEqualTo(404));
    assertThat(jobs.snapshots(new JobFilter("", "lru", null, false))).extracting(JobSnapshot::id)
        .containsExactly("Done000001", "Runs000001");
    assertThat(jobs.snapshots(new JobFilter("", "lru", null, true))).extracting(JobSnapshot::id)
        .containsExactly("Runs000001");
    assertThat(jobs.snapshots(new JobFilter("", "scrub", null, false))).isEmpty();
  }

  @Test
  void history_keepsTheNewestFinishedJobs_withinCountAndAge() throws Exception {
    jobs = open(3, Duration.ofMinutes(1));
    for (int i = 1; i <= 5; i++) {
      String id = "Hist00000" + i;
      jobs.start(TestJobs.start(id, "lru"));
      gated(id).go.countDown();
      awaitEnd(id);
      clock.advance(Duration.ofSeconds(1));
    }

    assertThat(jobs.snapshots(JobFilter.ALL)).extracting(JobSnapshot::id)
        .containsExactly("Hist000003", "Hist000004", "Hist000005");

    clock.advance(Duration.ofHours(2));
    assertThat(jobs.snapshots(JobFilter.ALL)).isEmpty();
  }

  @Test
  void restart_jobCutShort_comesBackAborted_finishedJobsStillAnswer() throws Exception {
    jobs = open(10, Duration.ofMinutes(1));
    jobs.start(TestJobs.start("Fini000001", "lru"));
    gated("Fini000001").go.countDown();
    awaitEnd("Fini000001");
    jobs.start(TestJobs.start("Runn000001", "lru"));
    gated("Runn000001").started.await();
    clock.advance(Duration.ofSeconds(30));

    // a crash: the first registry is never closed; a new one reads the journal
    Jobs restarted = open(10, Duration.ofMinutes(1));
    try {
      JobSnapshot cut = restarted.snapshots(new JobFilter("Runn000001", "", null, false)).getFirst();
      JobSnapshot finished = restarted.snapshots(new JobFilter("Fini000001", "", null, false)).getFirst();

      assertThat(cut.aborted()).isTrue();
      assertThat(cut.abortError()).isEqualTo("node restarted");
      assertThat(cut.finished()).isTrue();
      assertThat(cut.endTime()).isEqualTo("2026-01-01T00:00:30Z");
      assertThat(finished.aborted()).isFalse();
      assertThat(finished.stats()).containsEntry("loc-objs", "3");
      assertThat(restarted.running("")).isEmpty();
    } finally {
      restarted.close();
      gated("Runn000001").go.countDown();
    }
  }

  @Test
  void close_abortsWhatRuns_andTheJournalSaysSo() throws Exception {
    jobs = open(10, Duration.ofMinutes(1));
    jobs.start(TestJobs.start("Shut000001", "lru"));
    gated("Shut000001").started.await();

    jobs.close();
    jobs = open(10, Duration.ofMinutes(1));

    JobSnapshot after = jobs.snapshots(new JobFilter("Shut000001", "", null, false)).getFirst();
    assertThat(after.aborted()).isTrue();
    assertThat(after.abortError()).isEqualTo("node shutting down");
  }

  @Test
  void journal_unreadable_startsEmpty() throws Exception {
    java.nio.file.Files.writeString(metaDir.resolve("jobs.json"), "{not json");

    jobs = open(10, Duration.ofMinutes(1));

    assertThat(jobs.snapshots(JobFilter.ALL)).isEmpty();
  }
}
