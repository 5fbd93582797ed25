package io.jais.api.object;

/** List-objects request flags: {@code 1 << bit} (docs/native-api.md#listing-objects). */
public final class ListFlags {
  private ListFlags() {}

  public static final long CACHED = 1L;
  public static final long MISSING = 1L << 1;
  public static final long DELETED = 1L << 2;
  public static final long ARCH_DIR = 1L << 3;
  public static final long NAME_ONLY = 1L << 4;
  public static final long NAME_SIZE = 1L << 5;
  public static final long BCK_PRESENT = 1L << 6;
  public static final long DONT_HEAD_REMOTE = 1L << 7;
  public static final long DONT_ADD_REMOTE = 1L << 8;
  public static final long NOT_CACHED = 1L << 9;
  public static final long NO_RECURSION = 1L << 11;
  public static final long DIFF = 1L << 12;
  public static final long NO_DIRS = 1L << 13;
}
