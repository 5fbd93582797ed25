package io.jais.node.getbatch;

import io.jais.node.job.Job;
import io.jais.node.job.JobStart;
import java.time.Duration;

/**
 * {@code get-batch} on the target that assembles batches (AIS's x-moss): a demand job that takes
 * batch requests while it runs. Each request is admitted ({@link #admit}) and released when its
 * reply is done ({@link #release}); the job shows idle whenever none is in hand. After
 * {@code idleTime} without requests it stops admitting and its run ends (a new request then
 * starts a new job), after which it lingers idle as every demand job does.
 *
 * <p>Design notes: admission and the end of the run are decided under one lock, so a request is
 * either admitted by a job that will wait for it or refused (and the caller starts another job);
 * never admitted by a job that has already stopped taking work. An abort refuses new requests at
 * once; requests in flight see {@link #isAborted()} between entries and within copies, and cut
 * their reply.
 */
final class GetBatchJob extends Job {
  private static final long POLL_MILLIS = 200;

  private final Object lock = new Object();
  private final long idleNanos;
  private final Runnable onStop;
  private int pending;
  private long lastActivity = System.nanoTime();
  private boolean closed;

  GetBatchJob(JobStart start, Duration idleTime, Runnable onStop) {
    super(start);
    this.idleNanos = idleTime.toNanos();
    this.onStop = onStop;
  }

  /** Takes a request; false when this job no longer takes any (the caller starts a new one). */
  boolean admit() {
    synchronized (lock) {
      if (closed || isAborted()) {
        return false;
      }
      pending++;
      lastActivity = System.nanoTime();
      return true;
    }
  }

  /** A request admitted by {@link #admit} is done (its reply sent or cut). */
  void release() {
    synchronized (lock) {
      pending--;
      lastActivity = System.nanoTime();
      lock.notifyAll();
    }
  }

  /** Counts one delivered entry of {@code size} bytes; {@code remote}: it came from another target. */
  void delivered(long size, boolean remote) {
    counters().processed(size);
    if (remote) {
      counters().received(size);
    }
  }

  /** Records an entry that could not be delivered (missing, or failed with continue-on-error). */
  void missing(String message) {
    fail(message);
  }

  @Override
  protected void execute() throws InterruptedException {
    try {
      synchronized (lock) {
        while (!isAborted() && (pending > 0 || System.nanoTime() - lastActivity < idleNanos)) {
          lock.wait(POLL_MILLIS);
        }
        closed = true;
      }
    } finally {
      onStop.run();
    }
  }

  @Override
  protected boolean waitingForWork() {
    synchronized (lock) {
      return pending == 0;
    }
  }

  @Override
  protected io.jais.api.bucket.Bucket sourceBucket() {
    return start().bucket();
  }

  @Override
  protected String describe() {
    synchronized (lock) {
      return pending + " request(s) in flight";
    }
  }
}
