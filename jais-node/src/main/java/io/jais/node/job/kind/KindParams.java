package io.jais.node.job.kind;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.cluster.ClusterState;
import io.jais.node.job.JobStart;
import io.jais.node.objects.Caller;
import io.jais.node.objects.ObjectService;
import io.jais.node.storage.ObjectMeta;
import java.io.IOException;
import java.util.Optional;

/** Parameter checks the kinds share. */
final class KindParams {
  private KindParams() {}

  /** The parameters of kinds that take only a name prefix ({@code summary-bck}, {@code scrub}). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Prefix(@JsonProperty("prefix") String prefix) {
    Prefix {
      prefix = prefix == null ? "" : prefix;
    }

    static Prefix of(JobStart start) {
      return start.params().isNull() ? new Prefix("") : start.params(Prefix.class);
    }
  }

  /** The job's one bucket, which must exist: 400 when none is named, 404 when it is not in the BMD. */
  static Bucket requireBucket(JobStart start, ClusterState state) {
    Bucket bucket = start.bucket();
    if (bucket == null) {
      throw JaisException.invalid("job kind \"" + start.kind() + "\" requires a bucket");
    }
    return requireExisting(bucket, state);
  }

  static Bucket requireExisting(Bucket bucket, ClusterState state) {
    if (!state.bmd().contains(bucket)) {
      throw JaisException.noSuchBucket(bucket);
    }
    return bucket;
  }

  /**
   * Workers for an object list: AIS's {@code num-workers} (0: one per mountpath, -1: one, n: n,
   * capped so that a request cannot ask a target for thousands of threads).
   */
  static int workers(int requested, int mountpaths) {
    if (requested < 0) {
      return 1;
    }
    return requested == 0 ? Math.max(1, mountpaths) : Math.min(requested, 256);
  }

  /** The object's metadata on this target's disks, or empty: what a local job sees of it. */
  static Optional<ObjectMeta> headHere(ObjectService objects, Bucket bucket, String name, Caller caller)
      throws IOException {
    try {
      return Optional.of(objects.head(bucket, name, caller));
    } catch (JaisException e) {
      if (e.code() == ErrorCode.OBJECT_NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
