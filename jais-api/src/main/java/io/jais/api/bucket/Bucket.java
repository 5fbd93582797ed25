package io.jais.api.bucket;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;

/**
 * A bucket: (provider, namespace, name). JSON shape
 * {@code {"name":..,"provider":..,"namespace":{"uuid":..,"name":..}}} (docs/native-api.md#buckets).
 */
public record Bucket(String name, Provider provider, Namespace namespace) {
  /** AIS limit on bucket name length, in bytes. */
  public static final int MAX_NAME_LENGTH = 64;

  public Bucket {
    name = name == null ? "" : name;
    provider = provider == null ? Provider.AIS : provider;
    namespace = namespace == null ? Namespace.GLOBAL : namespace;
  }

  @JsonCreator
  static Bucket fromJson(
      @JsonProperty("name") String name,
      @JsonProperty("provider") String provider,
      @JsonProperty("namespace") Namespace namespace) {
    return new Bucket(name, Provider.parse(provider), namespace);
  }

  @JsonProperty("provider")
  String providerJson() {
    return provider.wireName();
  }

  /** An {@code ais} bucket in the global namespace. */
  public static Bucket ais(String name) {
    return new Bucket(name, Provider.AIS, Namespace.GLOBAL);
  }

  /** The display URI used in messages: {@code ais://name}, {@code s3://@uuid#ns/name}. */
  public String uri() {
    String ns = namespace.display();
    return provider.scheme() + "://" + (ns.isEmpty() ? "" : ns + "/") + name;
  }

  /** The uname prefix {@code provider/@uuid#ns/name/}, as used by HRW and {@code bck_to}. */
  public String uname() {
    return provider.wireName() + "/" + namespace.uname() + "/" + name + "/";
  }

  /** The uname of an object in this bucket (the HRW key); one string built, not two. */
  public String uname(String object) {
    return provider.wireName() + "/" + namespace.uname() + "/" + name + "/" + object;
  }

  /** True when this bucket is an {@code ais} bucket of this cluster (not a remote one). */
  @JsonIgnore
  public boolean isLocal() {
    return provider == Provider.AIS && namespace.uuid().isEmpty();
  }

  /** Checks the AIS bucket-name rules; throws a 400 with the reason. */
  public Bucket validate() {
    validateName(name);
    return this;
  }

  /**
   * Bucket names are 1..64 bytes of {@code [A-Za-z0-9_.-]}, without {@code ..} and without a
   * leading dot (reserved for system buckets).
   */
  public static void validateName(String name) {
    if (name == null || name.isEmpty()) {
      throw new JaisException(ErrorCode.INVALID_NAME, "bucket name is empty");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw new JaisException(ErrorCode.INVALID_NAME,
          "bucket name \"" + name + "\" is too long: " + name.length() + " (expected: 1.." + MAX_NAME_LENGTH + ")");
    }
    if (name.startsWith(".") || name.contains("..")) {
      throw new JaisException(ErrorCode.INVALID_NAME,
          "bucket name \"" + name + "\" is invalid: may not start with '.' or contain '..'");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '-' || c == '.';
      if (!ok) {
        throw new JaisException(ErrorCode.INVALID_NAME,
            "bucket name \"" + name + "\" is invalid: may only contain letters, digits, '-', '_' and '.'");
      }
    }
  }

  @Override
  public String toString() {
    return uri();
  }
}
