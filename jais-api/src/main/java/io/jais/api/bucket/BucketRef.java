package io.jais.api.bucket;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A bucket reference that may be empty, as in {@code backend_bck} (docs/native-api.md#buckets): an empty
 * name and
 * provider mean "no backend".
 */
public record BucketRef(String name, String provider, Namespace namespace) {
  public static final BucketRef NONE = new BucketRef("", "", Namespace.GLOBAL);

  public BucketRef {
    name = name == null ? "" : name;
    provider = provider == null ? "" : provider;
    namespace = namespace == null ? Namespace.GLOBAL : namespace;
  }

  @JsonIgnore
  public boolean isEmpty() {
    return name.isEmpty();
  }

  /** The referenced bucket; only meaningful when not empty. */
  public Bucket toBucket() {
    return new Bucket(name, Provider.parse(provider), namespace);
  }
}
