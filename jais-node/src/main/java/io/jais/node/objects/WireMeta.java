package io.jais.node.objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.json.WireJson;
import io.jais.node.storage.Checksum;
import io.jais.node.storage.ObjectMeta;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * An object's whole metadata in one header between targets ({@value #HEADER}): what a peer
 * answers a lookup or a pull with, and what a copy or a conditional delete carries. JSON, then
 * base64url, because custom metadata may hold any character (commas, UTF-8) and header values are
 * bytes; the AIS attribute headers could not carry it losslessly.
 */
public final class WireMeta {
  public static final String HEADER = "Jais-Object-Meta";

  private WireMeta() {}

  private record Fields(
      @JsonProperty("size") long size,
      @JsonProperty("cksum_type") String checksumType,
      @JsonProperty("cksum_value") String checksumValue,
      @JsonProperty("version") String version,
      @JsonProperty("atime") long atimeNanos,
      @JsonProperty("mtime") long mtimeNanos,
      @JsonProperty("custom") Map<String, String> custom) {}

  public static String encode(ObjectMeta meta) {
    Fields fields = new Fields(meta.size(), meta.checksum().type().wireName(), meta.checksum().value(),
        meta.version(), meta.atimeNanos(), meta.mtimeNanos(), meta.custom());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(WireJson.toBytes(fields));
  }

  /** @throws JaisException MALFORMED_BODY when the value is not an encoded metadata */
  public static ObjectMeta decode(String value) {
    if (value == null || value.isEmpty()) {
      throw new JaisException(ErrorCode.MALFORMED_BODY, "missing " + HEADER);
    }
    byte[] json;
    try {
      json = Base64.getUrlDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new JaisException(ErrorCode.MALFORMED_BODY, "invalid " + HEADER + ": " + e.getMessage());
    }
    Fields fields = WireJson.parse(json, Fields.class);
    try {
      return new ObjectMeta(fields.size(), Checksum.of(fields.checksumType(), fields.checksumValue()),
          fields.version(), fields.atimeNanos(), fields.mtimeNanos(), fields.custom(), List.of());
    } catch (IllegalArgumentException e) {
      throw new JaisException(ErrorCode.MALFORMED_BODY, "invalid " + HEADER + ": " + e.getMessage());
    }
  }
}
