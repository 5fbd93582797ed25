package io.jais.node.s3;

import io.jais.node.http.Request;
import io.jais.node.http.Response;
import io.jais.node.storage.ObjectMeta;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How S3 object metadata lives in an object's custom metadata, so the native API sees it too:
 * {@code ETag} (the hex MD5, or the multipart form), the standard entity headers under their own
 * names, and user metadata under {@code x-amz-meta-<name>} (lower case, as S3 returns it).
 */
final class S3Metadata {
  static final String ETAG = "ETag";
  /**
   * The commit time as an ISO instant ({@code 2026-01-02T03:04:05.678Z}). Kept because listings
   * carry only a minute-resolution atime, and sync tools compare LastModified to the second.
   */
  static final String LAST_MODIFIED = "LastModified";
  static final String USER_PREFIX = "x-amz-meta-";
  static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";

  /** Entity headers S3 stores with the object and returns on GET and HEAD. */
  static final List<String> ENTITY_HEADERS = List.of("Content-Type", "Content-Encoding", "Content-Disposition",
      "Content-Language", "Cache-Control", "Expires");

  private S3Metadata() {}

  /** The metadata a PUT (or a copy with REPLACE) carries in its headers. */
  static Map<String, String> fromRequest(Request request) {
    Map<String, String> custom = new LinkedHashMap<>();
    for (String name : ENTITY_HEADERS) {
      String value = request.header(name);
      if (name.equals("Content-Encoding") && value != null) {
        value = stripAwsChunked(value);
      }
      if (value != null && !value.isEmpty()) {
        custom.put(name, utf8(value));
      }
    }
    for (Map.Entry<String, String> header : request.headers()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (name.startsWith(USER_PREFIX)) {
        custom.merge(name, utf8(header.getValue()), (a, b) -> a + "," + b);
      }
    }
    return custom;
  }

  /** {@code aws-chunked} only frames the upload; S3 does not keep it as the object's encoding. */
  private static String stripAwsChunked(String encoding) {
    StringBuilder kept = new StringBuilder();
    for (String part : encoding.split(",")) {
      if (!part.strip().equalsIgnoreCase("aws-chunked") && !part.isBlank()) {
        kept.append(kept.isEmpty() ? "" : ",").append(part.strip());
      }
    }
    return kept.toString();
  }

  /**
   * Netty hands header bytes over as Latin-1 chars; most clients send UTF-8 there, some Latin-1.
   * Decodes UTF-8 when the bytes are valid UTF-8 and keeps the Latin-1 reading otherwise.
   */
  private static String utf8(String latin1) {
    byte[] bytes = latin1.getBytes(StandardCharsets.ISO_8859_1);
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return latin1;
    }
  }

  private static String wire(String value) {
    return new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  /**
   * The quoted ETag: the stored S3 ETag, or for objects written through the native API (which
   * computes no MD5) the quoted stored checksum, stable across GETs.
   */
  static String etag(ObjectMeta meta) {
    String etag = meta.custom().get(ETAG);
    if (etag == null || etag.isEmpty()) {
      etag = meta.checksum().value();
    }
    return "\"" + etag + "\"";
  }

  /** The S3 modification time: the stored commit time, else the object's own mtime. */
  static long mtimeNanos(ObjectMeta meta) {
    String iso = meta.custom().get(LAST_MODIFIED);
    if (iso != null) {
      try {
        java.time.Instant at = java.time.Instant.parse(iso);
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
      } catch (java.time.format.DateTimeParseException e) {
        // written by someone else through the native API: fall back
      }
    }
    return meta.mtimeNanos();
  }

  /** Custom metadata for a commit now: {@code ETag} and {@link #LAST_MODIFIED}. */
  static Map<String, String> committed(Map<String, String> custom, String etag) {
    Map<String, String> all = new LinkedHashMap<>(custom);
    all.put(ETAG, etag);
    all.put(LAST_MODIFIED, S3Params.ISO.format(java.time.Instant.now()));
    return all;
  }

  /** The headers of a GET or HEAD answer: ETag, Last-Modified, entity headers, user metadata. */
  static Response.Builder headers(Response.Builder response, ObjectMeta meta) {
    response.header("ETag", etag(meta))
        .header("Last-Modified", S3Params.httpDate(mtimeNanos(meta)))
        .header("Accept-Ranges", "bytes");
    for (Map.Entry<String, String> entry : meta.custom().entrySet()) {
      String name = entry.getKey();
      if (name.startsWith(USER_PREFIX) || ENTITY_HEADERS.contains(name)) {
        response.header(name, wire(entry.getValue()));
      }
    }
    if (!meta.custom().containsKey("Content-Type")) {
      response.header("Content-Type", DEFAULT_CONTENT_TYPE);
    }
    return response;
  }

  /** GetObject/HeadObject {@code response-content-type=...} and friends replace the stored header. */
  static Response.Builder overrides(Response.Builder response, Request request) {
    for (String name : ENTITY_HEADERS) {
      String value = request.query("response-" + name.toLowerCase(Locale.ROOT));
      if (value != null) {
        response.header(name, value);
      }
    }
    return response;
  }
}
