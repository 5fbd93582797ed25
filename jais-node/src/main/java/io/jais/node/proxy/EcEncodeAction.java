package io.jais.node.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jais.api.ActMsg;
import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketProps;
import io.jais.api.config.EcConf;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.job.JobKind;
import io.jais.api.json.WireJson;
import io.jais.node.cluster.BucketMetadata;
import io.jais.node.cluster.ClusterState;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import io.jais.node.job.JobStart;
import java.util.function.Supplier;

/**
 * {@code POST /v1/buckets/<b>} {@code ec-encode} with {@code {"data_slices": D, "parity_slices": P,
 * "objsize_limit": n}} (the last optional): turns erasure coding on in the bucket's properties (on
 * the primary; other proxies forward) and starts an {@code ec-encode} job on every target for
 * the objects the bucket already holds; answers the job ID as text. As in AIS, D and P are
 * required, cannot change while EC is on, and the cluster needs D+P+1 active targets (P+1 when
 * every object is replicated): {@code 400 ErrNotEnoughTargets} otherwise, and nothing changes.
 * The same target check applies to {@code set-bprops} turning {@code ec.enabled} on.
 */
final class EcEncodeAction {
  private final ClusterState state;
  private final Supplier<BucketMetadata> buckets;
  private final PrimaryForwarder forwarder;
  private final JobCoordinator jobs;

  EcEncodeAction(ClusterState state, Supplier<BucketMetadata> buckets, PrimaryForwarder forwarder, JobCoordinator jobs) {
    this.state = state;
    this.buckets = buckets;
    this.forwarder = forwarder;
    this.jobs = jobs;
  }

  Response start(Request request, Bucket bucket, byte[] body, ActMsg msg) throws Exception {
    BucketProps current = state.bmd().props(bucket).orElseThrow(() -> JaisException.noSuchBucket(bucket));
    JsonNode value = msg.hasValue() ? msg.value() : null;
    if (value == null || !value.isObject()) {
      throw JaisException.invalid("ec-encode: value must be {\"data_slices\": D, \"parity_slices\": P}");
    }
    int data = requiredInt(value, "data_slices", "missing number of data slices");
    int parity = requiredInt(value, "parity_slices", "missing number of parity slices");
    long limit = value.hasNonNull("objsize_limit") ? value.get("objsize_limit").asLong() : current.ec().objSizeLimit();
    EcConf next = new EcConf(current.ec().compression(), current.ec().bundleMultiplier(), current.ec().burstBuffer(),
        limit, data, parity, true, current.ec().diskOnly());
    if (current.ec().enabled() && (current.ec().dataSlices() != data || current.ec().paritySlices() != parity)) {
      throw JaisException.invalid("EC is already enabled on the bucket " + bucket.uri() + " with "
          + current.ec().dataSlices() + "+" + current.ec().paritySlices() + "; data and parity slices cannot change");
    }
    requireEnoughTargets(state, next);
    BucketMetadata primary = buckets.get();
    if (primary == null) {
      return forwarder.forward(request, body);
    }
    ObjectNode patch = WireJson.MAPPER.createObjectNode();
    patch.set("ec", WireJson.MAPPER.valueToTree(next));
    primary.setProps(bucket, patch);
    return Response.text(jobs.start(JobStart.onBucket("", JobKind.EC_ENCODE, bucket, null)));
  }

  /**
   * For {@code set-bprops}: when the patch leaves {@code ec.enabled} on, the resulting D and P must
   * fit the cluster's active targets.
   */
  static void checkPatch(ClusterState state, BucketProps current, JsonNode patch) {
    JsonNode ec = patch == null ? null : patch.get("ec");
    if (ec == null || !ec.isObject()) {
      return;
    }
    ObjectNode merged = WireJson.MAPPER.valueToTree(current.ec());
    merged.setAll((ObjectNode) ec);
    EcConf next = WireJson.convert(merged, EcConf.class);
    if (next.enabled()) {
      requireEnoughTargets(state, next);
    }
  }

  private static void requireEnoughTargets(ClusterState state, EcConf ec) {
    int targets = state.smap().activeTargets().size();
    if (ec.requiredTargets() > targets) {
      throw new JaisException(ErrorCode.NOT_ENOUGH_TARGETS, "EC configuration (D = " + ec.dataSlices() + ", P = "
          + ec.paritySlices() + ") requires at least " + ec.requiredTargets() + " targets (have " + targets + ")");
    }
  }

  private static int requiredInt(JsonNode value, String field, String missing) {
    JsonNode node = value.get(field);
    if (node == null || node.isNull()) {
      throw JaisException.invalid("ec-encode: " + missing);
    }
    if (!node.canConvertToInt()) {
      throw JaisException.invalid("ec-encode: " + field + " must be an integer");
    }
    return node.asInt();
  }
}
