package io.jais.api.bucket;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.jais.api.config.ChecksumConf;
import io.jais.api.config.ChunksConf;
import io.jais.api.config.EcConf;
import io.jais.api.config.LruConf;
import io.jais.api.config.MirrorConf;
import io.jais.api.config.RateLimitConf;
import io.jais.api.config.VersioningConf;
import io.jais.api.config.WritePolicyConf;
import io.jais.api.json.U64String;

/**
 * The complete bucket properties document, {@code Ais-Bucket-Props} (docs/native-api.md#buckets).
 * Defaults come
 * from the cluster config when the bucket is created; {@code access}, {@code features},
 * {@code bid} and {@code created} travel as decimal strings.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"provider", "backend_bck", "write_policy", "checksum", "rate_limit", "ec", "chunks",
    "mirror", "lru", "access", "features", "bid", "created", "versioning", "Renamed"})
public record BucketProps(
    String provider,
    @JsonProperty("backend_bck") BucketRef backendBck,
    @JsonProperty("write_policy") WritePolicyConf writePolicy,
    ChecksumConf checksum,
    @JsonProperty("rate_limit") RateLimitConf rateLimit,
    EcConf ec,
    ChunksConf chunks,
    MirrorConf mirror,
    LruConf lru,
    @JsonSerialize(using = U64String.Unsigned.class) @JsonDeserialize(using = U64String.Reader.class) long access,
    @JsonSerialize(using = U64String.Unsigned.class) @JsonDeserialize(using = U64String.Reader.class) long features,
    @JsonSerialize(using = U64String.Unsigned.class) @JsonDeserialize(using = U64String.Reader.class) long bid,
    @JsonSerialize(using = U64String.Signed.class) @JsonDeserialize(using = U64String.Reader.class) long created,
    VersioningConf versioning,
    @JsonProperty("Renamed") String renamed) {

  /** Every access bit set: the AIS default. */
  public static final long ALL_ACCESS = -1L;

  public BucketProps {
    provider = provider == null || provider.isEmpty() ? Provider.AIS.wireName() : provider;
    backendBck = backendBck == null ? BucketRef.NONE : backendBck;
    writePolicy = writePolicy == null ? WritePolicyConf.DEFAULT : writePolicy;
    checksum = checksum == null ? ChecksumConf.DEFAULT : checksum;
    rateLimit = rateLimit == null ? RateLimitConf.DEFAULT : rateLimit;
    ec = ec == null ? EcConf.DEFAULT : ec;
    chunks = chunks == null ? ChunksConf.DEFAULT : chunks;
    mirror = mirror == null ? MirrorConf.DEFAULT : mirror;
    lru = lru == null ? LruConf.DEFAULT : lru;
    versioning = versioning == null ? VersioningConf.DEFAULT : versioning;
    renamed = renamed == null ? "" : renamed;
  }

  /** Default properties of a new bucket of this provider. */
  public static BucketProps defaults(Provider provider) {
    return new BucketProps(provider.wireName(), null, null, null, null, null, null, null, null,
        ALL_ACCESS, 0, 0, 0, null, null);
  }

  /** The same properties with the identity fields a cluster assigns at creation. */
  public BucketProps withIdentity(long newBid, long createdNanos) {
    return new BucketProps(provider, backendBck, writePolicy, checksum, rateLimit, ec, chunks, mirror, lru,
        access, features, newBid, createdNanos, versioning, renamed);
  }
}
