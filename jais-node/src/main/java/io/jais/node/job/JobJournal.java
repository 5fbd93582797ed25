package io.jais.node.job;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jais.api.job.JobSnapshot;
import io.jais.node.meta.MetaStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's jobs on disk ({@code <meta_dir>/jobs.json}), so that a restart neither forgets finished
 * jobs nor leaves a job "running" forever: on load, a job that was running when the node went
 * down comes back aborted, with {@value #RESTARTED} as the reason and the load time as its end.
 * The file is small (snapshots without their details, within the history bound) and is replaced
 * atomically (temp file, fsync, rename) when a job starts and when it ends; counters of a job cut
 * short are those of its last write.
 */
final class JobJournal {
  static final String RESTARTED = "node restarted";
  private static final Logger LOG = LoggerFactory.getLogger(JobJournal.class);

  /** The file's content. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Document(@JsonProperty("jobs") List<JobSnapshot> jobs) {
    Document {
      jobs = jobs == null ? List.of() : List.copyOf(jobs);
    }
  }

  private final MetaStore<Document> store;

  JobJournal(Path metaDir) {
    this.store = new MetaStore<>(metaDir.resolve("jobs.json"), Document.class);
  }

  /** The jobs of the last run, all finished: running ones as aborted at {@code now}. Empty if unreadable. */
  List<JobSnapshot> load(Instant now) {
    List<JobSnapshot> jobs = new ArrayList<>();
    try {
      for (JobSnapshot job : store.load().map(Document::jobs).orElse(List.of())) {
        jobs.add(job.finished() ? job : cutShort(job, now));
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot read the job journal {} (starting without job history): {}", store.file(), e.toString());
    }
    return jobs;
  }

  private static JobSnapshot cutShort(JobSnapshot job, Instant now) {
    return new JobSnapshot(job.id(), job.kind(), job.startTime(), JobSnapshot.formatTime(now), job.bucket(),
        job.sourceBucket(), job.destinationBucket(), job.ctlmsg(), RESTARTED, job.error(), job.packed(), job.stats(),
        true, true, null);
  }

  /** Replaces the file with these jobs (their details dropped). Failures are logged: jobs go on. */
  void save(List<JobSnapshot> jobs) {
    try {
      store.save(new Document(jobs.stream().map(JobSnapshot::withoutExt).toList()));
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot write the job journal {}: {}", store.file(), e.toString());
    }
  }
}
