package io.jais.cli.job;

import io.jais.api.job.JobArgs;
import io.jais.api.job.JobKind;
import io.jais.api.job.JobQuery;

/**
 * What a user means by a job argument: a kind or display name (as AIS names them, e.g.
 * {@code lru}, {@code cleanup}) or a job ID. AIS IDs are random strings that never collide with
 * kind names, so the argument alone decides.
 */
record JobSelector(String kind, String id) {
  static JobSelector parse(String argument) {
    if (argument == null || argument.isEmpty()) {
      return new JobSelector("", "");
    }
    return JobKind.find(argument).map(k -> new JobSelector(k.kind(), "")).orElse(new JobSelector("", argument));
  }

  JobArgs args() {
    return new JobArgs(id, kind, "", null, null);
  }

  /** The query of these jobs: running ones only unless {@code all} (a job named by ID is always shown). */
  JobQuery query(boolean all) {
    return new JobQuery(id, kind, "", null, !all && id.isEmpty());
  }

  @Override
  public String toString() {
    if (!id.isEmpty()) {
      return "job " + id;
    }
    return kind.isEmpty() ? "jobs" : JobKind.of(kind).displayName() + " jobs";
  }
}
