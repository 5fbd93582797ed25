package io.jais.api.bucket;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.jais.api.Versioned;
import io.jais.api.json.U64String;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Bucket metadata (BMD): every bucket the cluster knows, with its properties, keyed by the
 * bucket's uname. Immutable; the primary produces each new version.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Bmd(
    String uuid,
    @JsonSerialize(using = U64String.Signed.class) @JsonDeserialize(using = U64String.Reader.class) long version,
    Map<String, Entry> buckets)
    implements Versioned<Bmd> {

  /** One bucket and its properties. */
  public record Entry(Bucket bucket, BucketProps props) {}

  public Bmd {
    uuid = uuid == null ? "" : uuid;
    buckets = Collections.unmodifiableMap(new TreeMap<>(buckets == null ? Map.of() : buckets));
  }

  public static Bmd empty() {
    return new Bmd("", 0, Map.of());
  }

  @Override
  public Bmd withVersion(String newUuid, long newVersion) {
    return new Bmd(uuid.isEmpty() ? newUuid : uuid, newVersion, buckets);
  }

  @Override
  public String kind() {
    return "BMD";
  }

  public Optional<BucketProps> props(Bucket bucket) {
    Entry entry = buckets.get(bucket.uname());
    return entry == null ? Optional.empty() : Optional.of(entry.props());
  }

  public boolean contains(Bucket bucket) {
    return buckets.containsKey(bucket.uname());
  }

  public Bmd withBucket(Bucket bucket, BucketProps props) {
    Map<String, Entry> next = new TreeMap<>(buckets);
    next.put(bucket.uname(), new Entry(bucket, props));
    return new Bmd(uuid, version, next);
  }

  public Bmd withoutBucket(Bucket bucket) {
    Map<String, Entry> next = new TreeMap<>(buckets);
    next.remove(bucket.uname());
    return new Bmd(uuid, version, next);
  }

  /** Buckets of one provider, in name order. */
  @JsonIgnore
  public List<Bucket> bucketsOf(Provider provider) {
    return buckets.values().stream().map(Entry::bucket).filter(b -> b.provider() == provider).toList();
  }
}
