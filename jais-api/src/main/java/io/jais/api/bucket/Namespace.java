package io.jais.api.bucket;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A bucket namespace {@code {uuid, name}}; both empty is the global namespace. A non-empty uuid on
 * provider {@code ais} denotes a remote AIS cluster.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Namespace(String uuid, String name) {
  public static final Namespace GLOBAL = new Namespace("", "");

  private static final String GLOBAL_UNAME = "@#";

  public Namespace {
    uuid = uuid == null ? "" : uuid;
    name = name == null ? "" : name;
  }

  @JsonIgnore
  public boolean isGlobal() {
    return uuid.isEmpty() && name.isEmpty();
  }

  /** The uname form {@code @uuid#name} ({@code @#} for global), as in {@code ?namespace=}. */
  public String uname() {
    return isGlobal() ? GLOBAL_UNAME : "@" + uuid + "#" + name;
  }

  /** The display form used in bucket URIs: {@code @uuid#name}, each part only when non-empty. */
  public String display() {
    StringBuilder sb = new StringBuilder();
    if (!uuid.isEmpty()) {
      sb.append('@').append(uuid);
    }
    if (!name.isEmpty()) {
      sb.append('#').append(name);
    }
    return sb.toString();
  }

  /** Parses {@code [@]uuid[#name]}; null or empty is the global namespace. */
  public static Namespace parse(String value) {
    if (value == null || value.isEmpty()) {
      return GLOBAL;
    }
    String s = value.startsWith("@") ? value.substring(1) : value;
    int hash = s.indexOf('#');
    return hash < 0 ? new Namespace(s, "") : new Namespace(s.substring(0, hash), s.substring(hash + 1));
  }
}
