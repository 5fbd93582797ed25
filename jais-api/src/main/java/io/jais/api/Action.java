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
}
