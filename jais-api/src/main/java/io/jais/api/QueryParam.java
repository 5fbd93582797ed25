package io.jais.api;

/** Query parameters of the AIS native API (docs/native-api.md). */
public final class QueryParam {
  private QueryParam() {}

  public static final String PROVIDER = "provider";
  public static final String NAMESPACE = "namespace";
  public static final String WHAT = "what";
  public static final String PROPS = "props";
  public static final String PRESENCE = "presence";
  public static final String UUID = "uuid";
  public static final String OBJECT_TO = "object_to";
  public static final String BUCKET_TO = "bck_to";
  public static final String APPEND_TYPE = "append_type";
  public static final String APPEND_HANDLE = "append_handle";
  public static final String SET_NEW_CUSTOM = "set-new-custom";
  public static final String LATEST_VERSION = "latest-ver";
  public static final String SYNCHRONIZE = "synchronize";
  public static final String PRIMARY_READY = "prr";
  public static final String BUCKET_SUMMARY_REMOTE = "bsumm_remote";
  public static final String VALIDATE_CHECKSUM = "validate-checksum";
  /** set-primary: force the change (not supported). */
  public static final String FORCE = "frc";
  /** Redirect marker: the ID of the proxy that redirected the request. */
  public static final String PROXY_ID = "pid";
  /** Redirect marker: the redirect time (Unix nanoseconds, base 36). */
  public static final String REDIRECT_TIME = "utm";
  /** GET: the one member of a shard to read. */
  public static final String ARCHPATH = "archpath";
  /** GET: the pattern selecting members of a shard (with {@link #ARCHMODE}). */
  public static final String ARCHREGX = "archregx";
  /** GET: how {@link #ARCHREGX} matches: regexp, prefix, suffix, substr, wdskey. */
  public static final String ARCHMODE = "archmode";
}
