package io.jais.node.http;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.jais.api.json.WireJson;

/** The Jackson mapper of the HTTP layer: the wire mapper of jais-api, plus an ASCII-only writer for headers. */
final class JsonCodec {
  /** Lenient on input: AIS clients send fields a given server version may not know. */
  static final ObjectMapper MAPPER = WireJson.MAPPER;

  /** For JSON that travels in a header: header values must stay ASCII. */
  static final ObjectWriter ASCII_WRITER = MAPPER.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);

  private JsonCodec() {}
}
