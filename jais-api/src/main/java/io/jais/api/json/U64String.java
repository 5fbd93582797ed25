package io.jais.api.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * Go's {@code json:",string"} for 64-bit integers: written as a decimal string (unsigned when the
 * field is a uint64), read from either a string or a number.
 */
public final class U64String {
  private U64String() {}

  /** Writes a long as an unsigned decimal string, e.g. -1 as "18446744073709551615". */
  public static final class Unsigned extends StdSerializer<Long> {
    private static final long serialVersionUID = 1L;

    public Unsigned() {
      super(Long.class);
    }

    @Override
    public void serialize(Long value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeString(Long.toUnsignedString(value));
    }
  }

  /** Writes a long as a signed decimal string. */
  public static final class Signed extends StdSerializer<Long> {
    private static final long serialVersionUID = 1L;

    public Signed() {
      super(Long.class);
    }

    @Override
    public void serialize(Long value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeString(Long.toString(value));
    }
  }

  /** Writes a long as an unsigned JSON number (e.g. Smap {@code id_digest}). */
  public static final class UnsignedNumber extends StdSerializer<Long> {
    private static final long serialVersionUID = 1L;

    public UnsignedNumber() {
      super(Long.class);
    }

    @Override
    public void serialize(Long value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeNumber(Long.toUnsignedString(value));
    }
  }

  /** Reads a (possibly unsigned) 64-bit integer from a JSON string or number. */
  public static final class Reader extends StdDeserializer<Long> {
    private static final long serialVersionUID = 1L;

    public Reader() {
      super(Long.class);
    }

    @Override
    public Long getNullValue(DeserializationContext ctxt) {
      return 0L;
    }

    @Override
    public Object getAbsentValue(DeserializationContext ctxt) {
      return 0L;
    }

    @Override
    public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = p.currentToken() == JsonToken.VALUE_NUMBER_INT ? p.getNumberValue().toString() : p.getValueAsString();
      if (text == null || text.isBlank()) {
        return 0L;
      }
      text = text.trim();
      try {
        return text.startsWith("-") ? Long.parseLong(text) : Long.parseUnsignedLong(text);
      } catch (NumberFormatException e) {
        return (Long) ctxt.handleWeirdStringValue(Long.class, text, "expected a 64-bit integer");
      }
    }
  }
}
