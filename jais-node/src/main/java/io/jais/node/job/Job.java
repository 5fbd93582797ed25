package io.jais.node.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketRef;
import io.jais.api.error.JaisException;
import io.jais.api.job.JobKind;
import io.jais.api.job.JobSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a job kind on one node. A kind is a subclass that implements {@link #execute()};
 * everything else (start and end times, abort, errors, counters, the snapshot, demand-job
 * idling) is here. {@link Jobs} creates, launches and tracks instances.
 *
 * <p><b>Design notes.</b>
 * <ul>
 *   <li>Threads: {@link #execute()} runs on its own virtual thread; {@link #forEach} fans work out
 *       to at most a given number of virtual threads (per mountpath for disk walks, {@code
 *       num-workers} for object lists) and waits for them.</li>
 *   <li>Abort is cooperative: {@link #abort} records the reason and wakes waiters; work checks
 *       {@link #isAborted()} between objects (and inside long reads), so nothing is cut in the
 *       middle of a write. Objects are written only through the store's atomic commit (workfile,
 *       then rename), so an aborted job leaves whole objects or none. No thread is interrupted:
 *       an interrupt would close the file channels of an in-flight write.</li>
 *   <li>Errors: a failed object is recorded ({@link #fail}) and counted; the first few messages
 *       make the snapshot's {@code err}. An exception out of {@link #execute()} ends the job
 *       with that error (not aborted).</li>
 *   <li>Demand kinds ({@link JobKind#idles()}) stay running after their work is done, idle,
 *       for the registry's linger time (AIS keeps such jobs for new work), then end normally.</li>
 *   <li>State is read by snapshots from other threads while the job runs: every field written
 *       after construction is volatile or atomic.</li>
 * </ul>
 */
public abstract class Job {
  private static final Logger LOG = LoggerFactory.getLogger(Job.class);
  private static final int KEPT_ERRORS = 4;
  private static final long ABORT_POLL_MILLIS = 50;

  private final JobStart start;
  private final JobKind kind;
  private final JobCounters counters;
  private final AtomicReference<String> abortReason = new AtomicReference<>();
  private final List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final AtomicLong errorCount = new AtomicLong();
  private final CountDownLatch abortSignal = new CountDownLatch(1);
  private final CountDownLatch ended = new CountDownLatch(1);
  private final AtomicBoolean launched = new AtomicBoolean();
  private volatile InstantSource clock = InstantSource.system();
  private volatile Instant startTime;
  private volatile Instant endTime;
  private volatile boolean working = true;
  private volatile long packed;

  /**
   * @param start the start message (ID, kind, buckets, parameters)
   * @param categories the kind's own counters, listed in every snapshot in this order
   */
  protected Job(JobStart start, String... categories) {
    this.start = start;
    this.kind = JobKind.of(start.kind());
    this.counters = new JobCounters(List.of(categories));
  }

  /** Does the kind's work; returns when done. Checks {@link #isAborted()} between objects. */
  protected abstract void execute() throws Exception;

  /** Kind-specific details for the snapshot's {@code ext} (e.g. findings); null for none. */
  protected JsonNode ext() {
    return null;
  }

  /** The job's arguments and progress in words, for the snapshot's {@code ctlmsg}. */
  protected String describe() {
    return "";
  }

  /**
   * For a demand kind whose {@link #execute()} runs for the job's whole life, taking requests as
   * they come (get-batch): true while it has none in hand, so that it shows idle while it waits.
   * False by default: a demand job is busy until its {@link #execute()} returns.
   */
  protected boolean waitingForWork() {
    return false;
  }

  /** The source bucket of a job that copies ({@code src-bck}); none by default. */
  protected Bucket sourceBucket() {
    return null;
  }

  /** The destination bucket of a job that copies ({@code dst-bck}); none by default. */
  protected Bucket destinationBucket() {
    return null;
  }

  public final String id() {
    return start.id();
  }

  public final JobKind kind() {
    return kind;
  }

  protected final JobStart start() {
    return start;
  }

  protected final JobCounters counters() {
    return counters;
  }

  /** The job's counters, read-only use: what its registry reports when it ends. */
  final JobCounters processed() {
    return counters;
  }

  protected final InstantSource clock() {
    return clock;
  }

  /** Records the parallelism for the snapshot ({@code glob.id}: joggers and workers). */
  protected final void parallelism(int joggers, int workers) {
    packed = JobSnapshot.pack(joggers, workers);
  }

  /** True once someone stopped the job (or the node is shutting down). */
  public final boolean isAborted() {
    return abortReason.get() != null;
  }

  /** Throws out of the work when the job was aborted; {@link #execute()} callers handle it. */
  protected final void checkAborted() {
    if (isAborted()) {
      throw new Aborted();
    }
  }

  /** Records one failed object (or step); the job goes on. */
  protected final void fail(String message) {
    counters.failed();
    if (errorCount.incrementAndGet() <= KEPT_ERRORS) {
      errors.add(message);
    }
    LOG.debug("{}[{}]: {}", kind.kind(), start.id(), message);
  }

  /**
   * Runs {@code work} for every item, at most {@code parallelism} at a time on virtual threads,
   * taking items in order; returns when all taken items are done. Stops taking items when the job
   * is aborted, and, unless {@code continueOnError}, after the first failed item.
   *
   * @return true when every item was processed without a failure
   */
  protected final <T> boolean forEach(Iterator<T> items, int parallelism, boolean continueOnError, Work<T> work) {
    Semaphore slots = new Semaphore(Math.max(1, parallelism));
    AtomicBoolean failed = new AtomicBoolean();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      while (!isAborted() && !(failed.get() && !continueOnError) && items.hasNext()) {
        T item = items.next();
        if (!acquire(slots)) {
          break;
        }
        if (isAborted() || failed.get() && !continueOnError) { // while waiting for a slot
          slots.release();
          break;
        }
        pool.execute(() -> {
          try {
            work.run(item);
          } catch (Aborted e) {
            // the loop sees the abort and stops taking items
          } catch (Exception e) {
            failed.set(true);
            fail(message(e));
          } finally {
            slots.release();
          }
        });
      }
    } catch (UncheckedIOException e) {
      failed.set(true);
      fail(message(e.getCause()));
    }
    return !failed.get();
  }

  private boolean acquire(Semaphore slots) {
    try {
      while (!slots.tryAcquire(ABORT_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        if (isAborted()) {
          return false;
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** One item of {@link #forEach}. */
  @FunctionalInterface
  protected interface Work<T> {
    void run(T item) throws Exception;
  }

  /** The short text of a failure: the JAIS message, or the exception's own. */
  protected static String message(Throwable e) {
    if (e instanceof JaisException || e instanceof IOException && e.getMessage() != null) {
      return e.getMessage();
    }
    return e.toString();
  }

  // ---- lifecycle, driven by Jobs ----

  /** Starts the job's thread; {@code onEnd} runs on it once the job has ended. */
  final void launch(InstantSource clock, Duration demandLinger, java.util.function.Consumer<Job> onEnd) {
    if (!launched.compareAndSet(false, true)) {
      throw new IllegalStateException("job " + start.id() + " launched twice");
    }
    this.clock = clock;
    this.startTime = clock.instant();
    Thread.ofVirtual().name("job-" + kind.kind() + "-" + start.id()).start(() -> run(demandLinger, onEnd));
  }

  private void run(Duration demandLinger, java.util.function.Consumer<Job> onEnd) {
    try {
      if (!isAborted()) {
        execute();
      }
    } catch (Aborted e) {
      // ends as aborted below
    } catch (Exception | Error e) {
      if (!isAborted()) {
        LOG.warn("{}[{}] failed", kind.kind(), start.id(), e);
        fail(message(e));
      }
    } finally {
      working = false;
    }
    try {
      if (kind.idles() && !isAborted()) {
        abortSignal.await(demandLinger.toMillis(), TimeUnit.MILLISECONDS); // idle, until aborted or the linger is over
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      synchronized (this) { // against a concurrent abort: a job ends either aborted or not, never both ways
        endTime = clock.instant();
      }
      try {
        onEnd.accept(this);
      } finally {
        ended.countDown(); // after the registry has taken the end in: awaitEnd means "settled"
      }
    }
  }

  /**
   * Aborts the job with a reason (e.g. "user abort"): it stops taking work and ends as aborted.
   *
   * @return false when it had already ended or been aborted
   */
  final synchronized boolean abort(String reason) {
    if (hasEnded() || !abortReason.compareAndSet(null, reason)) {
      return false;
    }
    abortSignal.countDown();
    return true;
  }

  /** Waits until the job has ended and its registry has recorded it; false on timeout. */
  final boolean awaitEnd(Duration timeout) throws InterruptedException {
    return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  final boolean hasEnded() {
    return endTime != null;
  }

  /** Idle: a terminal job once it has ended; a demand job once it has no work left. */
  final boolean isIdle() {
    return kind.idles() ? !working || hasEnded() || waitingForWork() : hasEnded();
  }

  /** The job as the snapshot API shows it; {@code withExt} adds the kind's details. */
  public final JobSnapshot snapshot(boolean withExt) {
    Instant end = hasEnded() ? endTime : null;
    String abort = abortReason.get();
    return new JobSnapshot(start.id(), kind.kind(), JobSnapshot.formatTime(startTime), JobSnapshot.formatTime(end),
        ref(start.bucket()), ref(sourceBucket()), ref(destinationBucket()), describe(), abort == null ? "" : abort,
        errorText(), packed, counters.asStats(), abort != null, isIdle(), withExt ? ext() : null);
  }

  private String errorText() {
    long count = errorCount.get();
    if (count == 0) {
      return "";
    }
    String first = String.join("; ", errors);
    return count <= errors.size() ? first : first + " (and " + (count - errors.size()) + " more)";
  }

  private static BucketRef ref(Bucket bucket) {
    return bucket == null ? BucketRef.NONE
        : new BucketRef(bucket.name(), bucket.provider().wireName(), bucket.namespace());
  }

  /** Unwinds a job's work after an abort. */
  private static final class Aborted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Aborted() {
      super("aborted", null, false, false);
    }
  }
}
