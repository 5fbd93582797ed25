package io.jais.node.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jais.api.bucket.Bmd;
import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketProps;
import io.jais.api.config.ClusterConfig;
import io.jais.api.error.JaisException;
import io.jais.api.json.WireJson;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bucket lifecycle on the primary: create, destroy and change properties, each a new BMD version
 * pushed to every node before the call returns. Property changes are JSON merge patches over the
 * full document, validated by building the new {@link BucketProps}; identity fields are kept.
 */
public final class BucketMetadata {
  private static final AtomicLong BID_SEQUENCE = new AtomicLong();

  private final ClusterState state;
  private final Primary primary;

  public BucketMetadata(ClusterState state, Primary primary) {
    this.state = state;
    this.primary = primary;
  }

  /** Creates an ais bucket with defaults from the cluster config, overridden by {@code patch}. */
  public BucketProps create(Bucket bucket, JsonNode patch) {
    bucket.validate();
    if (!bucket.isLocal()) {
      throw JaisException.invalid("cannot create " + bucket.uri() + ": only ais buckets can be created");
    }
    BucketProps props = merge(defaults(state.config(), bucket), patch)
        .withIdentity(nextBucketId(), System.currentTimeMillis() * 1_000_000L);
    Bmd[] seen = new Bmd[1];
    primary.updateBmd(bmd -> {
      seen[0] = bmd;
      return bmd.contains(bucket) ? bmd : bmd.withBucket(bucket, props);
    });
    if (seen[0].contains(bucket)) {
      throw JaisException.bucketExists(bucket);
    }
    return props;
  }

  public void destroy(Bucket bucket) {
    Bmd[] seen = new Bmd[1];
    primary.updateBmd(bmd -> {
      seen[0] = bmd;
      return bmd.contains(bucket) ? bmd.withoutBucket(bucket) : bmd;
    });
    if (!seen[0].contains(bucket)) {
      throw JaisException.noSuchBucket(bucket);
    }
  }

  /** Applies a partial BucketProps (AIS BpropsToSet) and returns the new properties. */
  public BucketProps setProps(Bucket bucket, JsonNode patch) {
    if (patch == null || !patch.isObject()) {
      throw JaisException.invalid("set-bprops: value must be a JSON object of bucket properties");
    }
    BucketProps[] result = new BucketProps[1];
    primary.updateBmd(bmd -> {
      BucketProps current = bmd.props(bucket).orElseThrow(() -> JaisException.noSuchBucket(bucket));
      BucketProps next = merge(current, patch).withIdentity(current.bid(), current.created());
      result[0] = next;
      return next.equals(current) ? bmd : bmd.withBucket(bucket, next);
    });
    return result[0];
  }

  /** Back to the cluster defaults, keeping the bucket's identity. */
  public BucketProps resetProps(Bucket bucket) {
    BucketProps[] result = new BucketProps[1];
    primary.updateBmd(bmd -> {
      BucketProps current = bmd.props(bucket).orElseThrow(() -> JaisException.noSuchBucket(bucket));
      result[0] = defaults(state.config(), bucket).withIdentity(current.bid(), current.created());
      return bmd.withBucket(bucket, result[0]);
    });
    return result[0];
  }

  /** Properties a new bucket inherits from the cluster config. */
  public static BucketProps defaults(ClusterConfig config, Bucket bucket) {
    BucketProps base = BucketProps.defaults(bucket.provider());
    return new BucketProps(base.provider(), base.backendBck(), config.writePolicy(), config.checksum(),
        base.rateLimit(), config.ec(), base.chunks(), config.mirror(), config.lru(), base.access(),
        base.features(), 0, 0, config.versioning(), "");
  }

  private static BucketProps merge(BucketProps base, JsonNode patch) {
    if (patch == null || patch.isNull() || patch.isMissingNode()) {
      return base;
    }
    if (!patch.isObject()) {
      throw JaisException.invalid("bucket properties must be a JSON object");
    }
    ObjectNode tree = WireJson.MAPPER.valueToTree(base);
    deepMerge(tree, (ObjectNode) patch);
    tree.put("provider", base.provider());
    return WireJson.convert(tree, BucketProps.class);
  }

  private static void deepMerge(ObjectNode target, ObjectNode patch) {
    Iterator<Map.Entry<String, JsonNode>> fields = patch.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getKey().equals("force")) {
        continue;
      }
      JsonNode existing = target.get(field.getKey());
      if (existing == null) {
        throw JaisException.invalid("unknown bucket property \"" + field.getKey() + "\"");
      }
      if (existing.isObject() && field.getValue().isObject()) {
        deepMerge((ObjectNode) existing, (ObjectNode) field.getValue());
      } else {
        target.set(field.getKey(), field.getValue());
      }
    }
  }

  private static long nextBucketId() {
    return (System.currentTimeMillis() << 10) | (BID_SEQUENCE.incrementAndGet() & 0x3ff);
  }
}
