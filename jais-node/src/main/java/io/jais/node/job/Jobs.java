package io.jais.node.job;

import io.jais.node.metrics.JobMeter;
import io.jais.node.metrics.JobMetrics;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.job.JobId;
import io.jais.api.job.JobKind;
import io.jais.api.job.JobSnapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs of one node (AIS's xaction registry): starts them, stops them, and answers for running
 * and recently finished ones. Finished jobs are kept within {@link Options#historyCount()} and
 * {@link Options#historyAge()}; both running and finished ones are journaled ({@link JobJournal})
 * so that they survive a restart.
 *
 * <p><b>Design notes.</b> One lock guards the running table and the history; a job's own thread
 * takes it once, when the job ends, to move it into the history. The journal is written outside
 * that lock, serialized by its own, and a write always takes the state of that moment: a change
 * whose write was overtaken by a later one is not written twice ({@code generation}). Starting an
 * ID that already exists returns that job (a proxy's retry starts nothing new); the same ID with
 * another kind is a conflict.
 */
public final class Jobs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);
  private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(2);
  /** Abort reason of a stop request (AIS's user abort). */
  public static final String USER_ABORT = "user abort";

  /**
   * Tunables.
   *
   * @param historyCount finished jobs kept, at most
   * @param historyAge how long a finished job is kept, at most
   * @param demandLinger how long a demand job stays running, idle, after its work
   * @param clock the time source of start and end times
   */
  public record Options(int historyCount, Duration historyAge, Duration demandLinger, InstantSource clock) {
    public static final Options DEFAULT = new Options(256, Duration.ofHours(1), Duration.ofMinutes(1),
        InstantSource.system());
  }

  private final String node;
  private final JobKinds kinds;
  private final JobJournal journal;
  private final Options options;
  private final Map<String, Job> running = new LinkedHashMap<>();
  private final JobHistory history;
  private final AtomicLong changes = new AtomicLong();
  private final Object journalLock = new Object();
  private long journaled;

  private final JobMetrics metrics; // null: nobody counts

  private Jobs(String node, JobKinds kinds, JobJournal journal, Options options, JobMetrics metrics) {
    this.node = node;
    this.kinds = kinds;
    this.journal = journal;
    this.options = options;
    this.metrics = metrics;
    this.history = new JobHistory(options.historyCount(), options.historyAge());
  }

  /**
   * The jobs of a node whose journal is in {@code metaDir}: the last run's jobs come back finished
   * (those cut short as aborted).
   */
  public static Jobs open(String node, JobKinds kinds, Path metaDir, Options options) {
    return open(node, kinds, metaDir, options, null);
  }

  /** As {@link #open(String, JobKinds, Path, Options)}, reporting every job's start and end to {@code metrics}. */
  public static Jobs open(String node, JobKinds kinds, Path metaDir, Options options, JobMetrics metrics) {
    Jobs jobs = new Jobs(node, kinds, new JobJournal(metaDir), options, metrics);
    Instant now = options.clock().instant();
    for (JobSnapshot job : jobs.journal.load(now)) {
      jobs.history.add(job, now);
    }
    jobs.persist();
    return jobs;
  }

  /**
   * Starts a job (or returns the one already started with this ID).
   *
   * @return its first snapshot
   * @throws JaisException 400 for a missing or malformed ID, an unknown kind or bad parameters;
   *     409 when the ID belongs to a job of another kind; 501 for a kind this node does not run
   */
  public JobSnapshot start(JobStart start) {
    if (!JobId.isValid(start.id())) {
      throw JaisException.invalid("invalid job ID \"" + start.id() + "\"");
    }
    JobKind kind = JobKinds.resolve(start.kind());
    JobStart normalized = kind.kind().equals(start.kind()) ? start
        : new JobStart(start.id(), kind.kind(), start.bucket(), start.buckets(), start.flags(), start.force(), start.params(),
            start.startedNanos());
    JobSnapshot first;
    synchronized (this) {
      JobSnapshot existing = find(start.id());
      if (existing != null) {
        if (!existing.kind().equals(kind.kind())) {
          throw new JaisException(ErrorCode.CONFLICT, "job ID " + start.id() + " is taken by a " + existing.kind() + " job");
        }
        return existing;
      }
      Job job = kinds.create(normalized);
      running.put(job.id(), job);
      job.launch(options.clock(), options.demandLinger(), this::ended);
      first = job.snapshot(false);
    }
    LOG.info("{}: started {}", node, JobKind.cname(kind.kind(), start.id()));
    if (metrics != null) {
      metrics.kind(kind.kind()).started();
    }
    persist();
    return first;
  }

  private void ended(Job job) {
    JobSnapshot last = job.snapshot(true);
    synchronized (this) {
      running.remove(job.id());
      history.add(last, options.clock().instant());
    }
    LOG.info("{}: {} {}{}", node, JobKind.cname(last.kind(), last.id()), last.aborted() ? "aborted: " + last.abortError()
        : "finished", last.error().isEmpty() ? "" : " with errors: " + last.error());
    if (metrics != null) {
      JobMeter meter = metrics.kind(last.kind());
      meter.objects(job.processed().objects());
      meter.bytes(job.processed().bytes());
      if (last.aborted()) {
        meter.aborted();
      } else {
        meter.finished();
      }
    }
    persist();
  }

  /** Aborts the running jobs the filter matches; returns how many. */
  public int stop(JobFilter filter, String reason) {
    List<Job> matching = new ArrayList<>();
    synchronized (this) {
      for (Job job : running.values()) {
        if (filter.matches(job.snapshot(false))) {
          matching.add(job);
        }
      }
    }
    int stopped = 0;
    for (Job job : matching) {
      stopped += job.abort(reason) ? 1 : 0;
    }
    if (stopped > 0) {
      LOG.info("{}: stopped {} job(s) matching {}: {}", node, stopped, filter, reason);
    }
    return stopped;
  }

  /**
   * The snapshots the filter matches, oldest first. With an ID: that job, or 404 when this node
   * does not know it (or it is of another kind, or finished and only running ones are asked for).
   */
  public List<JobSnapshot> snapshots(JobFilter filter) {
    List<JobSnapshot> matching = new ArrayList<>();
    synchronized (this) {
      history.trim(options.clock().instant());
      for (JobSnapshot job : history.all()) {
        if (filter.matches(job)) {
          matching.add(job);
        }
      }
      for (Job job : running.values()) {
        JobSnapshot snapshot = job.snapshot(true);
        if (filter.matches(snapshot)) {
          matching.add(snapshot);
        }
      }
    }
    if (!filter.id().isEmpty() && matching.isEmpty()) {
      throw new JaisException(ErrorCode.NOT_FOUND, "job " + filter.id() + " does not exist on " + node);
    }
    matching.sort(Comparator.comparing((JobSnapshot s) -> JobSnapshot.parseTime(s.startTime()),
        Comparator.nullsFirst(Comparator.naturalOrder())));
    return matching;
  }

  /** {@code kind[id]} of every running job of the kind (any kind when empty). */
  public synchronized List<String> running(String kind) {
    return running.values().stream().filter(job -> !job.hasEnded() && (kind.isEmpty() || job.kind().kind().equals(kind)))
        .map(job -> JobKind.cname(job.kind().kind(), job.id())).toList();
  }

  private JobSnapshot find(String id) {
    Job job = running.get(id);
    return job != null ? job.snapshot(false) : history.get(id).orElse(null);
  }

  /** Writes the journal, unless a write that started after this change already did. */
  private void persist() {
    long change = changes.incrementAndGet();
    synchronized (journalLock) {
      if (journaled >= change) {
        return;
      }
      long upTo = changes.get();
      List<JobSnapshot> all;
      synchronized (this) {
        all = new ArrayList<>(history.all());
        running.values().forEach(job -> all.add(job.snapshot(false)));
      }
      journal.save(all);
      journaled = upTo;
    }
  }

  /** Aborts what runs (reason "node shutting down"), waits briefly for it to end, writes the journal. */
  @Override
  public void close() {
    List<Job> all;
    synchronized (this) {
      all = new ArrayList<>(running.values());
    }
    long deadline = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
    for (Job job : all) {
      job.abort("node shutting down");
    }
    for (Job job : all) {
      try {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !job.awaitEnd(Duration.ofNanos(left))) {
          LOG.warn("{}: {} did not end in time; it shows as aborted after the restart", node,
              JobKind.cname(job.kind().kind(), job.id()));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    persist();
  }

  @Override
  public String toString() {
    return "jobs of " + node;
  }
}
