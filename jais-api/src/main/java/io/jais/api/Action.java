package io.jais.api;

/** ActMsg {@code action} names used on the wire (docs/native-api.md). */
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
  /** {@code PUT /v1/cluster}: node lifecycle (value: {@code RmNodeMsg}). */
  public static final String START_MAINTENANCE = "start-maintenance";
  public static final String STOP_MAINTENANCE = "stop-maintenance";
  public static final String DECOMMISSION_NODE = "decommission-node";
  public static final String SHUTDOWN_NODE = "shutdown-node";
  /** {@code PUT /v1/cluster}: stop every node of the cluster. */
  public static final String SHUTDOWN_CLUSTER = "shutdown";
  /** {@code PUT /v1/cluster}: decommission the whole cluster (not implemented). */
  public static final String DECOMMISSION_CLUSTER = "decommission";
  /** {@code DELETE /v1/buckets/<b>}: delete a list, range or prefix of objects (a job). */
  public static final String DELETE_OBJECTS = "delete-listrange";
  /** {@code POST /v1/buckets/<b>}: copy a list, range or prefix of objects to a bucket (a job). */
  public static final String COPY_OBJECTS = "copy-listrange";
  /** {@code POST /v1/buckets/<b>}: keep N copies of each object (value: N; a job). */
  public static final String MAKE_N_COPIES = "make-n-copies";
  /** {@code PUT /v1/buckets/<b>}: write a list, range or prefix of objects into a shard (a job). */
  public static final String ARCHIVE = "archive";
  /** {@code POST /v1/objects/<b>/<o>}: start a multipart upload (answers its ID). */
  public static final String MPT_UPLOAD = "mpt-upload";
  /** {@code POST /v1/objects/<b>/<o>?uploadId=}: complete a multipart upload. */
  public static final String MPT_COMPLETE = "mpt-complete";
  /** {@code DELETE /v1/objects/<b>/<o>?uploadId=}: abort a multipart upload. */
  public static final String MPT_ABORT = "mpt-abort";
  /** {@code POST /v1/objects/<b>/<o>}: give the object a new name (in {@code name}). */
  public static final String RENAME_OBJECT = "rename-obj";
  /** {@code POST /v1/objects/<b>}: promote files of the targets' file systems into the bucket (a job). */
  public static final String PROMOTE = "promote";

  /**
   * AIS actions JAIS knows but does not implement yet: they are answered with 501 Not Implemented
   * (which clients do not retry) rather than 400, so users can tell "not yet" from "wrong".
   */
  public static final java.util.Set<String> NOT_YET_IMPLEMENTED = java.util.Set.of(
      "etl-bck", "evict-remote-bck", "evict-listrange",
      "prefetch-listrange", "etl-listrange", "create-inventory", "destroy-inventory",
      "show-inventory", "blob-download", CHECK_LOCK);
}
