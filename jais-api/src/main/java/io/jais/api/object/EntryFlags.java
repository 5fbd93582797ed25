package io.jais.api.object;

/** Bits of a list entry's {@code f} field (docs/native-api.md#listing-objects). */
public final class EntryFlags {
  private EntryFlags() {}

  /** Low five bits: status; 0 is OK. */
  public static final int STATUS_MASK = 31;
  public static final int IS_CACHED = 1 << 6;
  public static final int IN_ARCHIVE = 1 << 7;
  public static final int IS_DIR = 1 << 8;
  public static final int IS_ARCHIVE = 1 << 9;
  public static final int IS_CHUNKED = 1 << 13;
}
