package io.jais.node.job;

import io.jais.api.job.JobSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The finished jobs a node still answers for: their last snapshots, oldest first, bounded by count
 * and by age (AIS keeps finished xactions about an hour). Not thread-safe: {@link Jobs} guards it.
 */
final class JobHistory {
  private final int maxCount;
  private final Duration maxAge;
  private final Map<String, JobSnapshot> finished = new LinkedHashMap<>();

  JobHistory(int maxCount, Duration maxAge) {
    if (maxCount < 1) {
      throw new IllegalArgumentException("history count: " + maxCount + " (expected: >= 1)");
    }
    this.maxCount = maxCount;
    this.maxAge = maxAge;
  }

  /** Adds a finished job's snapshot, then drops what is beyond the bounds at {@code now}. */
  void add(JobSnapshot snapshot, Instant now) {
    finished.remove(snapshot.id());
    finished.put(snapshot.id(), snapshot);
    trim(now);
  }

  /** Drops the oldest entries beyond the count, and every entry that ended before {@code now - maxAge}. */
  void trim(Instant now) {
    Instant oldest = now.minus(maxAge);
    Iterator<JobSnapshot> entries = finished.values().iterator();
    int excess = finished.size() - maxCount;
    while (entries.hasNext()) {
      JobSnapshot entry = entries.next();
      Instant end = JobSnapshot.parseTime(entry.endTime());
      if (excess > 0 || end == null || end.isBefore(oldest)) {
        entries.remove();
        excess--;
      }
    }
  }

  Optional<JobSnapshot> get(String id) {
    return Optional.ofNullable(finished.get(id));
  }

  boolean contains(String id) {
    return finished.containsKey(id);
  }

  /** Oldest first. */
  List<JobSnapshot> all() {
    return new ArrayList<>(finished.values());
  }

  int size() {
    return finished.size();
  }
}
