package io.jais.node.storage;

import java.io.IOException;

/**
 * Object names of one mountpath's part of a bucket, in UTF-8 order, filtered by a listing's query.
 * A walk may pause between pages and {@link #refresh} before it goes on.
 */
interface NameWalk {
  /**
   * A file (object) or, in non-recursive mode, a directory whose name ends with {@code /}.
   *
   * @param escaped stored in the escaped form ({@link Fqn#escaped})
   */
  record Item(String name, boolean dir, boolean escaped) {}

  /** The next item in name order, or null when done. */
  Item next() throws IOException;

  /**
   * Before resuming after a pause: reads again what changed on disk since it was read, so that a
   * name added ahead of the walk's position is seen and a deleted one is not.
   */
  void refresh() throws IOException;

  /** How many names the walk holds in memory (directory listings not yet walked). */
  int buffered();
}
