package io.jais.node.getbatch;

import io.jais.node.archive.OpenEntry;

/**
 * What opening one entry came to: the entry, or why it is missing (with continue-on-error it is
 * then an empty member under {@code __404__/}).
 */
record EntryOutcome(OpenEntry entry, String missing) {
  static EntryOutcome found(OpenEntry entry) {
    return new EntryOutcome(entry, null);
  }

  static EntryOutcome missing(String why) {
    return new EntryOutcome(null, why);
  }

  boolean isMissing() {
    return entry == null;
  }

  void close() {
    if (entry != null) {
      entry.close();
    }
  }
}
