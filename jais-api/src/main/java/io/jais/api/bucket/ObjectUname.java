package io.jais.api.bucket;

import io.jais.api.error.JaisException;

/**
 * A parsed uname {@code <provider>/@<uuid>#<ns>/<bucket>/<object>} (docs/native-api.md#buckets), as in
 * {@code object_to} and {@code bck_to}; the object is empty for a bucket uname.
 */
public record ObjectUname(Bucket bucket, String object) {
  public static ObjectUname parse(String uname) {
    String[] parts = uname == null ? new String[0] : uname.split("/", 4);
    if (parts.length < 3 || !parts[1].startsWith("@") || parts[2].isEmpty()) {
      throw JaisException.invalid("invalid uname \"" + uname + "\" (expected: provider/@uuid#namespace/bucket/object)");
    }
    Bucket bucket = new Bucket(parts[2], Provider.parse(parts[0]), Namespace.parse(parts[1]));
    return new ObjectUname(bucket, parts.length == 4 ? parts[3] : "");
  }
}
