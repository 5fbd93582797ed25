package io.jais.api;

/**
 * A replicated cluster document (Smap, BMD, cluster config): immutable, owned by the primary,
 * identified by the cluster UUID and ordered by a monotonically increasing version. Receivers keep
 * the newest version they have seen and refuse older ones and other clusters' documents.
 */
public interface Versioned<T extends Versioned<T>> {
  /** The cluster this document belongs to. */
  String uuid();

  long version();

  /** The same document with another version (and the given cluster UUID when it had none). */
  T withVersion(String uuid, long version);

  /** A short name for logs and errors, e.g. "Smap". */
  String kind();
}
