package io.jais.node.metrics;

/**
 * The operations both front doors count, native API and S3 alike, under AIS's names: the count of
 * successes ({@code get.n}), of failures ({@code err.get.n}), the total time of the successes in
 * nanoseconds ({@code get.ns.total}) and, for the operations that move object bytes on a target,
 * the bytes ({@code get.size}).
 */
public enum Op {
  GET("get", "GET(object)", Body.RESPONSE, "get.ns", true),
  PUT("put", "PUT(object)", Body.REQUEST, "put.ns", false),
  APPEND("append", "APPEND(object)", Body.NONE, "append.ns", false),
  DELETE("del", "DELETE(object)", Body.NONE, null, false),
  HEAD("head", "HEAD(object)", Body.NONE, null, true),
  LIST("lst", "list-objects", Body.NONE, "lst.ns", false);

  /** Which body's bytes a target counts as this operation's size. */
  enum Body { NONE, REQUEST, RESPONSE }

  private final String prefix;
  private final String what;
  private final Body body;
  private final String latency;
  private final boolean notFoundIsAnswer;

  Op(String prefix, String what, Body body, String latency, boolean notFoundIsAnswer) {
    this.prefix = prefix;
    this.what = what;
    this.body = body;
    this.latency = latency;
    this.notFoundIsAnswer = notFoundIsAnswer;
  }

  /** {@code get.n}: successful requests. */
  public String count() {
    return prefix + ".n";
  }

  /** {@code err.get.n}: failed requests. */
  public String errors() {
    return "err." + prefix + ".n";
  }

  /** {@code get.ns.total}: the time successful requests took, in nanoseconds. */
  public String nanos() {
    return prefix + ".ns.total";
  }

  /** {@code get.size}: object bytes moved (targets only), or null when not counted. */
  public String size() {
    return body == Body.NONE ? null : prefix + ".size";
  }

  /**
   * AIS's latency name ({@code get.ns}), which its {@code node_status} carries as the cumulative
   * nanoseconds (the same value as {@link #nanos()}); null when AIS has none.
   */
  String latency() {
    return latency;
  }

  /** Human words for help texts: {@code GET(object)}. */
  String what() {
    return what;
  }

  Body body() {
    return body;
  }

  /**
   * A 404 is a normal answer, not a failure: GET and HEAD of an object that does not exist (AIS
   * counts them as errors only when asked to by a feature flag).
   */
  boolean notFoundIsAnswer() {
    return notFoundIsAnswer;
  }
}
