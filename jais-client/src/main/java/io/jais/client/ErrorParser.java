package io.jais.client;

import io.jais.api.Header;
import io.jais.api.error.ErrorBody;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.json.WireJson;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an error response (status 400 and above) back into the {@link ErrorCode} the server
 * meant: the AIS JSON error body (docs/native-api.md#errors), on HEAD the same JSON in {@code Hdr-Error}. The
 * {@code tcode} decides; without one, the bucket/object URI in the message does, exactly as the
 * AIS Python SDK classifies it. A body that is not JSON becomes the message as is.
 */
final class ErrorParser {
  /** The AIS Python SDK's regex for {@code prov://bucket[/object]} in error texts. */
  private static final Pattern URI_IN_MESSAGE =
      Pattern.compile("(ais|aws|azure|gcp|oci|gs|s3)://([A-Za-z0-9@#._-]{1,132})(?:(/)|(?![A-Za-z0-9@#._-]))");
  /** Error bodies are short; a longer one is cut (it is only a message). */
  private static final int MAX_BODY = 64 * 1024;

  private ErrorParser() {}

  static JaisException parse(String method, URI uri, int status, HttpHeaders headers, InputStream body) {
    String text = read(body);
    if ("HEAD".equals(method)) {
      text = headers.firstValue(Header.ERROR).orElse("");
    }
    ErrorBody parsed = parseBody(text);
    String message;
    if (parsed != null && parsed.message() != null && !parsed.message().isEmpty()) {
      message = parsed.message();
    } else if (!text.isBlank()) {
      message = text.strip();
    } else {
      message = method + " " + uri.getRawPath() + " at " + Transport.origin(uri) + ": HTTP " + status;
    }
    String tcode = parsed == null || parsed.tcode() == null ? "" : parsed.tcode();
    return new JaisException(classify(status, tcode, message), message);
  }

  static ErrorCode classify(int status, String tcode, String message) {
    ErrorCode code = ErrorCode.of(status, tcode);
    boolean generic = code.aisType().isEmpty() || !code.aisType().equals(tcode);
    if (!generic || (status != 404 && status != 409)) {
      return code;
    }
    Matcher uri = URI_IN_MESSAGE.matcher(message);
    if (!uri.find()) {
      return code;
    }
    boolean hasObject = uri.group(3) != null;
    if (status == 409) {
      return hasObject ? code : ErrorCode.BUCKET_EXISTS;
    }
    if (hasObject) {
      return ErrorCode.OBJECT_NOT_FOUND;
    }
    boolean remote = !uri.group(1).equals("ais") || uri.group(2).contains("@");
    return remote ? ErrorCode.REMOTE_BUCKET_NOT_FOUND : ErrorCode.BUCKET_NOT_FOUND;
  }

  private static ErrorBody parseBody(String text) {
    String trimmed = text.strip();
    if (!trimmed.startsWith("{")) {
      return null;
    }
    try {
      return WireJson.MAPPER.readValue(trimmed, ErrorBody.class);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String read(InputStream body) {
    try (InputStream in = body) {
      return new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
