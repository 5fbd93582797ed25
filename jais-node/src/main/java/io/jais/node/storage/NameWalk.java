package io.jais.node.storage;

import java.io.IOException;
import java.nio.file.Path;

/** Object names of one mountpath's part of a bucket, in UTF-8 order, filtered by a listing's query. */
interface NameWalk {
  /** A file (object) or, in non-recursive mode, a directory whose name ends with {@code /}. */
  record Item(String name, Path path, boolean dir) {}

  /** The next item in name order, or null when done. */
  Item next() throws IOException;
}
