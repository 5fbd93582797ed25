package io.jais.api.bucket;

import io.jais.api.error.JaisException;

/** Bucket providers with their wire names, accepted aliases and URI schemes (docs/native-api.md#buckets). */
public enum Provider {
  AIS("ais", "ais", ""),
  AWS("aws", "s3", "s3"),
  GCP("gcp", "gs", "gs"),
  AZURE("azure", "az", "az"),
  OCI("oci", "oc", "oc");

  /** {@link #values()} clones its array on every call; parse runs on every request. */
  private static final Provider[] ALL = values();

  private final String wireName;
  private final String scheme;
  private final String alias;

  Provider(String wireName, String scheme, String alias) {
    this.wireName = wireName;
    this.scheme = scheme;
    this.alias = alias;
  }

  /** Canonical name on the wire: {@code ais}, {@code aws}, ... */
  public String wireName() {
    return wireName;
  }

  /** Scheme in bucket URIs: {@code ais://}, {@code s3://}, ... */
  public String scheme() {
    return scheme;
  }

  public boolean isRemote() {
    return this != AIS;
  }

  /** Parses a wire name or alias; empty or null means {@code ais}. */
  public static Provider parse(String value) {
    if (value == null || value.isEmpty()) {
      return AIS;
    }
    for (Provider provider : ALL) {
      if (provider.wireName.equals(value) || provider.alias.equals(value) || provider.scheme.equals(value)) {
        return provider;
      }
    }
    throw JaisException.invalid("invalid bucket provider \"" + value + "\"");
  }

  @Override
  public String toString() {
    return wireName;
  }
}
