package io.jais.cli.job;

import io.jais.api.job.JobArgs;
import java.util.Set;

/**
 * What a user means by a job argument: a kind (as AIS names them) or a job ID. AIS IDs are short
 * random strings that never collide with these names, so the argument alone decides.
 */
record JobSelector(String kind, String id) {
  /** AIS job kinds and their display names (spec §23.3). */
  static final Set<String> KINDS = Set.of("archive", "blob-download", "cleanup", "cleanup-store", "copy-bck",
      "copy-bucket", "copy-listrange", "copy-objects", "create-inventory", "delete-listrange", "delete-objects",
      "download", "dsort", "ec-bucket", "ec-get", "ec-put", "ec-resp", "elect-primary", "etl-bck", "etl-inline",
      "etl-listrange", "evict-listrange", "evict-remote-bck", "get-batch", "list", "lru", "lru-eviction", "make-n-copies",
      "mirror", "move-bck", "prefetch-listrange", "promote", "put-copies", "rebalance", "rechunk", "rename-bucket",
      "resilver", "summary", "summary-bck");

  static JobSelector parse(String argument) {
    if (argument == null || argument.isEmpty()) {
      return new JobSelector("", "");
    }
    return KINDS.contains(argument) ? new JobSelector(argument, "") : new JobSelector("", argument);
  }

  JobArgs args() {
    return new JobArgs(id, kind, "", null, null);
  }

  @Override
  public String toString() {
    return !id.isEmpty() ? "job " + id : !kind.isEmpty() ? kind + " jobs" : "all jobs";
  }
}
