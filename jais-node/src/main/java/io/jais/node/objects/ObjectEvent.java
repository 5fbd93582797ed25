package io.jais.node.objects;

import io.jais.api.bucket.Bucket;
import io.jais.node.storage.ObjectMeta;
import java.util.Objects;

/**
 * One change of an object on this target's disks, as {@link CommitListener}s see it.
 *
 * @param meta the object as committed; for {@link Kind#DELETE} the deleted object as it was, or
 *     null when its metadata could not be read (the file is gone all the same)
 */
public record ObjectEvent(Kind kind, Bucket bucket, String name, ObjectMeta meta, Caller caller) {
  /** What happened. */
  public enum Kind {
    /** A PUT: new content, new version. */
    PUT,
    /** An append session flushed: new content, new version. */
    APPEND,
    /** A copy arrived here (from this target or another): new content, new version. */
    COPY,
    /** A replica stored with the metadata it arrived with (version, checksum, times, custom). */
    REPLICA,
    /** Custom metadata changed; content and version did not. */
    SET_CUSTOM,
    /** The object was removed from this target. */
    DELETE
  }

  public ObjectEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(caller, "caller");
    if (meta == null && kind != Kind.DELETE) {
      throw new IllegalArgumentException(kind + " event without metadata");
    }
  }
}
