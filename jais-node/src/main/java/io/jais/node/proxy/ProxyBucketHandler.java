package io.jais.node.proxy;

import io.jais.api.ActMsg;
import io.jais.api.Action;
import io.jais.api.Header;
import io.jais.api.QueryParam;
import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketProps;
import io.jais.api.bucket.BucketSummary;
import io.jais.api.bucket.Provider;
import io.jais.api.bucket.SummaryMsg;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.job.JobKind;
import io.jais.api.json.WireJson;
import io.jais.api.msgpack.ListObjectsCodec;
import io.jais.api.object.ListObjectsMsg;
import io.jais.api.object.ListObjectsPage;
import io.jais.node.cluster.BucketMetadata;
import io.jais.node.cluster.ClusterState;
import io.jais.node.http.BucketParams;
import io.jais.node.job.JobStart;
import io.jais.node.http.Meter;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The proxy's bucket routes: list buckets, list objects, create, destroy, HEAD (properties, with
 * a summary job on request), PATCH (set/reset properties), and the multi-object jobs
 * {@code delete-listrange} and {@code copy-listrange}. Metadata changes run on the primary; other
 * proxies forward them there.
 */
public final class ProxyBucketHandler {
  private final ClusterState state;
  private final Supplier<BucketMetadata> buckets;
  private final PrimaryForwarder forwarder;
  private final ObjectLister lister;
  private final BucketSummaries summaries;
  private final MultiObjectActions multiObject;
  private final JobCoordinator jobs;
  private final BucketCopyActions bucketCopies;
  private final PromoteAction promote;
  private final EcEncodeAction ecEncode;

  /** {@code buckets} gives the primary's bucket service, or null on a non-primary proxy. */
  public ProxyBucketHandler(ClusterState state, Supplier<BucketMetadata> buckets, PrimaryForwarder forwarder,
      ObjectLister lister, JobCoordinator jobs) {
    this.state = state;
    this.buckets = buckets;
    this.forwarder = forwarder;
    this.lister = lister;
    this.summaries = new BucketSummaries(jobs);
    this.multiObject = new MultiObjectActions(state, buckets, forwarder, jobs);
    this.jobs = jobs;
    this.bucketCopies = new BucketCopyActions(state, buckets, forwarder, jobs, lister);
    this.promote = new PromoteAction(state, jobs);
    this.ecEncode = new EcEncodeAction(state, buckets, forwarder, jobs);
  }

  /** {@code GET /v1/buckets}: the buckets of one provider, {@code []} when none. */
  public Response listBuckets(Request request) {
    Provider provider = Provider.parse(request.query(QueryParam.PROVIDER, ""));
    List<Bucket> list = state.bmd().bucketsOf(provider).stream().filter(b -> !b.name().startsWith(".")).toList();
    return Response.json(list);
  }

  /** {@code GET /v1/buckets/{bucket}}: list objects ({@code action:"list"} with a value). */
  public Response get(Request request) throws Exception {
    Bucket bucket = BucketParams.of(request);
    ActMsg msg = request.bodyJson(ActMsg.class);
    String action = msg == null ? Action.LIST : msg.action();
    if (!action.equals(Action.LIST)) {
      request.countAs(Meter.NONE); // the route counts listings; this is another bucket query
    }
    if (action.equals(Action.LIST)) {
      requireBucket(bucket);
      ListObjectsMsg lso = msg == null || !msg.hasValue() ? ListObjectsMsg.of("", 0)
          : WireJson.convert(msg.value(), ListObjectsMsg.class);
      ListObjectsPage page = lister.list(bucket, lso);
      return Response.builder(200).header("Content-Type", ListObjectsCodec.CONTENT_TYPE)
          .body(ListObjectsCodec.encode(page)).build();
    }
    if (action.equals(Action.SUMMARY_BUCKET)) {
      return summary(bucket, msg.hasValue() ? WireJson.convert(msg.value(), SummaryMsg.class)
          : new SummaryMsg("", "", true, true, false));
    }
    throw unsupported(action, "GET", bucket);
  }

  /**
   * {@code summary-bck} (docs/native-api.md#summary-and-info): 202 with the job ID to start; then 202
   * while running and 200
   * with a JSON array of one summary when done.
   */
  private Response summary(Bucket bucket, SummaryMsg msg) throws InterruptedException {
    if (msg.uuid().isEmpty()) {
      requireBucket(bucket);
      return Response.builder(202).text(summaries.start(bucket, msg.prefix())).build();
    }
    Optional<BucketSummary> done = summaries.result(msg.uuid());
    if (done.isEmpty()) {
      return Response.builder(202).json(List.of()).build();
    }
    return Response.json(List.of(done.get()));
  }

  /** {@code POST /v1/buckets/{bucket}}: create-bck, copy-listrange, make-n-copies, copy-bck, move-bck. */
  public Response post(Request request) throws Exception {
    Bucket bucket = BucketParams.of(request);
    byte[] body = request.bodyBytes(PrimaryForwarder.MAX_CONTROL_BODY);
    ActMsg msg = requireMsg(request, bucket, body);
    if (msg.action().equals(Action.COPY_OBJECTS)) {
      return multiObject.copy(request, bucket, body, msg);
    }
    if (msg.action().equals(Action.MAKE_N_COPIES)) {
      return onPrimary(request, bucket, body, msg, Set.of(Action.MAKE_N_COPIES), this::makeNCopies);
    }
    if (msg.action().equals(Action.COPY_BUCKET)) {
      return bucketCopies.copy(request, bucket, body, msg);
    }
    if (msg.action().equals(Action.MOVE_BUCKET)) {
      return bucketCopies.move(request, bucket, body);
    }
    refuseRemoteOnlyOnLocal(msg.action(), bucket);
    if (msg.action().equals(Action.EC_ENCODE)) {
      return ecEncode.start(request, bucket, body, msg);
    }
    return onPrimary(request, bucket, body, msg, Set.of(Action.CREATE_BUCKET), (primary, b, m) -> {
      primary.create(b, m.value());
      return Response.ok();
    });
  }

  /** {@code PUT /v1/buckets/{bucket}}: archive (a list, range or prefix of objects into a shard). */
  public Response put(Request request) throws Exception {
    Bucket bucket = BucketParams.of(request);
    byte[] body = request.bodyBytes(PrimaryForwarder.MAX_CONTROL_BODY);
    ActMsg msg = requireMsg(request, bucket, body);
    if (msg.action().equals(Action.ARCHIVE)) {
      return multiObject.archive(bucket, msg);
    }
    throw unsupported(msg.action(), "PUT", bucket);
  }

  /** {@code POST /v1/objects/{bucket}} (a bucket's objects, none named): promote. */
  public Response postObjects(Request request) throws Exception {
    Bucket bucket = BucketParams.of(request);
    ActMsg msg = requireMsg(request, bucket, request.bodyBytes(PrimaryForwarder.MAX_CONTROL_BODY));
    if (msg.action().equals(Action.PROMOTE)) {
      return promote.promote(bucket, msg);
    }
    throw unsupported(msg.action(), "POST", bucket);
  }

  /** {@code DELETE /v1/buckets/{bucket}}: destroy-bck, delete-listrange. */
  public Response delete(Request request) throws Exception {
    Bucket bucket = BucketParams.of(request);
    byte[] body = request.bodyBytes(PrimaryForwarder.MAX_CONTROL_BODY);
    ActMsg msg = requireMsg(request, bucket, body);
    if (msg.action().equals(Action.DELETE_OBJECTS)) {
      return multiObject.delete(bucket, msg);
    }
    refuseRemoteOnlyOnLocal(msg.action(), bucket);
    return onPrimary(request, bucket, body, msg, Set.of(Action.DESTROY_BUCKET), (primary, b, m) -> {
      primary.destroy(b);
      return Response.ok();
    });
  }

  /**
   * {@code make-n-copies} (value: N): sets {@code mirror} to {@code {enabled: N > 1, copies: N}}
   * and starts the job that brings every object to N copies; answers its ID. When a target
   * refuses (e.g. fewer mountpaths than N) the properties are put back.
   */
  private Response makeNCopies(BucketMetadata primary, Bucket bucket, ActMsg msg) {
    BucketProps before = requireBucket(bucket);
    com.fasterxml.jackson.databind.JsonNode value = msg.value();
    if (value == null || !(value.isInt() || value.isTextual() && value.asText().matches("\\d{1,3}"))) {
      throw JaisException.invalid("make-n-copies: value must be the number of copies, got " + value);
    }
    int copies = value.isInt() ? value.asInt() : Integer.parseInt(value.asText());
    if (copies < 1 || copies > 32) {
      throw JaisException.invalid("make-n-copies: invalid number of copies " + copies + ", must be in [1, 32] range");
    }
    primary.setProps(bucket, WireJson.MAPPER.valueToTree(
        java.util.Map.of("mirror", java.util.Map.of("enabled", copies > 1, "copies", copies))));
    try {
      return Response.text(jobs.start(JobStart.onBucket("", JobKind.MAKE_N_COPIES, bucket, copies)));
    } catch (RuntimeException | InterruptedException e) {
      primary.setProps(bucket, WireJson.MAPPER.valueToTree(java.util.Map.of("mirror", before.mirror())));
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        throw new JaisException(ErrorCode.UNAVAILABLE, "make-n-copies: interrupted");
      }
      throw (RuntimeException) e;
    }
  }

  /**
   * After a change of the bucket's properties: a change of {@code mirror} that asks for other
   * copies (enabled now, or enabled with another number) starts {@code make-n-copies}, as AIS's
   * set-bprops does. Disabling mirroring keeps the copies (AIS too).
   */
  private void remirror(Bucket bucket, BucketProps before, BucketProps after) throws InterruptedException {
    boolean enabled = !before.mirror().enabled() && after.mirror().enabled();
    boolean resized = before.mirror().enabled() && after.mirror().enabled()
        && before.mirror().copies() != after.mirror().copies();
    if (enabled || resized) {
      jobs.start(JobStart.onBucket("", JobKind.MAKE_N_COPIES, bucket, after.mirror().copies()));
    }
  }

  /** A bucket metadata change, run where the BMD is owned. */
  @FunctionalInterface
  private interface MetadataChange {
    Response apply(BucketMetadata primary, Bucket bucket, ActMsg msg) throws InterruptedException;
  }

  /**
   * Reads the control message, checks its action, then applies the change on the primary, or
   * forwards the request there when this proxy is not the primary.
   */
  private Response onPrimary(Request request, Set<String> actions, MetadataChange change) throws Exception {
    Bucket bucket = BucketParams.of(request);
    byte[] body = request.bodyBytes(PrimaryForwarder.MAX_CONTROL_BODY);
    return onPrimary(request, bucket, body, requireMsg(request, bucket, body), actions, change);
  }

  private Response onPrimary(Request request, Bucket bucket, byte[] body, ActMsg msg, Set<String> actions,
      MetadataChange change) throws Exception {
    if (!actions.contains(msg.action())) {
      throw unsupported(msg.action(), request.method().name(), bucket);
    }
    BucketMetadata primary = buckets.get();
    if (primary == null) {
      return forwarder.forward(request, body);
    }
    return change.apply(primary, bucket, msg);
  }

  /**
   * {@code HEAD /v1/buckets/{bucket}}: the properties in {@code Ais-Bucket-Props}; with
   * {@code bsumm_remote} it is {@code Bucket.info()}, which also runs a summary
   * (docs/native-api.md#summary-and-info).
   */
  public Response head(Request request) throws InterruptedException {
    return head(request, "");
  }

  /** {@code HEAD /v1/buckets/{bucket}/{prefix}}: bucket info with a summary of the prefix. */
  public Response headWithPrefix(Request request) throws InterruptedException {
    if (request.query(QueryParam.BUCKET_SUMMARY_REMOTE) == null) {
      return invalidUri(request);
    }
    return head(request, request.pathParam("rest"));
  }

  private Response head(Request request, String prefix) throws InterruptedException {
    Bucket bucket = BucketParams.of(request);
    BucketProps props = requireBucket(bucket);
    Response.Builder response = Response.builder(200).header(Header.BUCKET_PROPS, WireJson.toString(props));
    if (request.query(QueryParam.BUCKET_SUMMARY_REMOTE) == null) {
      return response.build();
    }
    String jobId = request.query(QueryParam.UUID, "");
    if (jobId.isEmpty()) {
      return response.status(202).header(Header.XACTION_ID, summaries.start(bucket, prefix)).build();
    }
    Optional<BucketSummary> done = summaries.result(jobId);
    if (done.isEmpty()) {
      return response.status(202).header(Header.XACTION_ID, jobId).build();
    }
    return response.header(Header.BUCKET_SUMMARY, WireJson.toString(done.get())).build();
  }

  /** {@code PATCH /v1/buckets/{bucket}}: set-bprops or reset-bprops. */
  public Response patch(Request request) throws Exception {
    return onPrimary(request, Set.of(Action.SET_BUCKET_PROPS, Action.RESET_BUCKET_PROPS), (primary, bucket, msg) -> {
      BucketProps before = requireBucket(bucket);
      if (msg.action().equals(Action.SET_BUCKET_PROPS)) {
        EcEncodeAction.checkPatch(state, before, msg.value());
      }
      BucketProps after = msg.action().equals(Action.SET_BUCKET_PROPS) ? primary.setProps(bucket, msg.value())
          : primary.resetProps(bucket);
      try {
        remirror(bucket, before, after);
      } catch (RuntimeException e) {
        primary.setProps(bucket, WireJson.MAPPER.valueToTree(java.util.Map.of("mirror", before.mirror())));
        throw e;
      }
      return Response.json(after);
    });
  }

  /**
   * Bucket paths with extra segments (e.g. {@code bucket/badname}) are invalid
   * (docs/native-api.md#buckets).
   */
  public Response invalidUri(Request request) {
    throw JaisException.invalid("invalid request URI " + request.path()
        + ": bucket names may not contain '/'");
  }

  private BucketProps requireBucket(Bucket bucket) {
    return state.bmd().props(bucket).orElseThrow(() -> JaisException.noSuchBucket(bucket));
  }

  private static ActMsg requireMsg(Request request, Bucket bucket, byte[] body) {
    ActMsg msg = body.length == 0 ? null : WireJson.parse(body, ActMsg.class);
    if (msg == null || msg.action().isEmpty()) {
      throw JaisException.invalid(request.method() + " " + bucket.uri() + ": missing action message");
    }
    return msg;
  }

  /** Actions AIS defines for remote buckets only (evict, prefetch). */
  private static final Set<String> REMOTE_ONLY = Set.of("evict-listrange", "evict-remote-bck", "prefetch-listrange");

  /**
   * Evicting and prefetching apply to remote buckets only; on an ais bucket they are AIS's 400
   * (JAIS has no remote buckets yet: on any other bucket they are 501 like every action not built).
   */
  private static void refuseRemoteOnlyOnLocal(String action, Bucket bucket) {
    if (REMOTE_ONLY.contains(action) && bucket.isLocal()) {
      throw JaisException.invalid(action + ": expecting remote bucket (have " + bucket.uri() + ")");
    }
  }

  private static JaisException unsupported(String action, String method, Bucket bucket) {
    if (Action.NOT_YET_IMPLEMENTED.contains(action)) {
      return new JaisException(ErrorCode.NOT_IMPLEMENTED,
          "action \"" + action + "\" (" + method + " " + bucket.uri() + ") is not implemented in JAIS yet");
    }
    return new JaisException(ErrorCode.UNKNOWN_ACTION,
        "invalid action \"" + action + "\" for " + method + " " + bucket.uri());
  }
}
