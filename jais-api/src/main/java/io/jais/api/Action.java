package io.jais.api;

/** ActMsg {@code action} names used on the wire (spec §23.6). */
public final class Action {
  private Action() {}

  public static final String LIST = "list";
  public static final String CREATE_BUCKET = "create-bck";
  public static final String DESTROY_BUCKET = "destroy-bck";
  public static final String SET_BUCKET_PROPS = "set-bprops";
  public static final String RESET_BUCKET_PROPS = "reset-bprops";
  public static final String SUMMARY_BUCKET = "summary-bck";
  public static final String MOVE_BUCKET = "move-bck";
  public static final String COPY_BUCKET = "copy-bck";
  public static final String SET_CONFIG = "set-config";
  public static final String CHECK_LOCK = "check-lock";
  /** Turn erasure coding on for a bucket and encode the objects it holds. */
  public static final String EC_ENCODE = "ec-encode";
  /** {@code PUT /v1/cluster}: start a job by kind. */
  public static final String START_JOB = "start";
  /** {@code PUT /v1/cluster}: stop (abort) jobs by ID and/or kind. */
  public static final String STOP_JOB = "stop";
  /** {@code DELETE /v1/buckets/<b>}: delete a list, range or prefix of objects (a job). */
  public static final String DELETE_OBJECTS = "delete-listrange";
  /** {@code POST /v1/buckets/<b>}: copy a list, range or prefix of objects to a bucket (a job). */
  public static final String COPY_OBJECTS = "copy-listrange";

  /**
   * AIS actions JAIS knows but does not implement yet: they are answered with 501 Not Implemented
   * (which clients do not retry) rather than 400, so users can tell "not yet" from "wrong".
   */
  public static final java.util.Set<String> NOT_YET_IMPLEMENTED = java.util.Set.of(
      MOVE_BUCKET, COPY_BUCKET, "etl-bck", "evict-remote-bck", "evict-listrange",
      "prefetch-listrange", "etl-listrange", "archive", "create-inventory", "destroy-inventory",
      "show-inventory", "promote", "blob-download", "mpt-upload", "mpt-complete", "mpt-abort", CHECK_LOCK);
}
