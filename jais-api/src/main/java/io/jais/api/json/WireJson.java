package io.jais.api.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;

/**
 * The one JSON configuration of the wire: lenient on input (unknown keys ignored, keys matched
 * case-insensitively as Go does, numbers accepted as strings), exact on output.
 */
public final class WireJson {
  /** Shared, thread-safe mapper for wire documents. */
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true)
      .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false)
      .serializationInclusion(JsonInclude.Include.ALWAYS)
      .build();

  private WireJson() {}

  public static byte[] toBytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
    }
  }

  public static String toString(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
    }
  }

  /** Parses wire JSON; malformed input is the client's fault (400). */
  public static <T> T parse(byte[] json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof JaisException invalid) {
        throw invalid;
      }
      throw new JaisException(ErrorCode.MALFORMED_BODY,
          "invalid " + type.getSimpleName() + " JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new JaisException(ErrorCode.MALFORMED_BODY, "invalid " + type.getSimpleName() + " JSON: " + e.getMessage());
    }
  }

  public static <T> T parse(String json, Class<T> type) {
    return parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), type);
  }

  /** Converts a parsed tree (e.g. an ActMsg value) to a record; mismatches are 400s. */
  public static <T> T convert(JsonNode node, Class<T> type) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      if (e.getCause() instanceof JaisException invalid) {
        throw invalid;
      }
      String reason = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
      throw new JaisException(ErrorCode.MALFORMED_BODY, "invalid " + type.getSimpleName() + ": " + reason);
    }
  }
}
