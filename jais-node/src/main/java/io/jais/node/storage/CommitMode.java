package io.jais.node.storage;

/** What a commit does with the object's version, and with an object already in place. */
enum CommitMode {
  /** A write in a versioned bucket: the version after the one in place ("1" for a new object). */
  NEXT_VERSION,
  /** A write in a bucket without versioning: no version. */
  NO_VERSION,
  /** A replica: the version it arrived with, replacing whatever is in place. */
  AS_GIVEN,
  /** A replica that yields to an object already in place: then nothing is committed. */
  AS_GIVEN_IF_ABSENT,
  /**
   * A replica that replaces only an older object (smaller mtime): a copy moving to its owner must
   * never overwrite a write the owner took meanwhile, and must replace a stale copy it holds.
   */
  AS_GIVEN_IF_NEWER;

  static CommitMode of(boolean versioning) {
    return versioning ? NEXT_VERSION : NO_VERSION;
  }
}
