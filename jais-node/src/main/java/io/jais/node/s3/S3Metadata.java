package io.jais.node.s3;

import io.jais.node.http.HttpDate;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import io.jais.node.storage.ObjectMeta;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How S3 object metadata lives in an object's custom metadata, so the native API sees it too:
 * {@code ETag} (the hex MD5, or the multipart form), the standard entity headers and
 * {@code x-amz-website-redirect-location} under their own names, and user metadata under
 * {@code x-amz-meta-<name>} (lower case, as S3 returns it). Values come back on GET and HEAD as
 * they were sent, with two exceptions S3 makes too: {@code aws-chunked} is dropped from
 * Content-Encoding (it frames the upload, it is not the object's encoding), and an Expires that is
 * an HTTP date in another form than IMF-fixdate is kept as IMF-fixdate (see {@link HttpDate}).
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
  /** Kept with the object and returned on GET and HEAD; never copied by CopyObject (S3 does not). */
  static final String WEBSITE_REDIRECT = "x-amz-website-redirect-location";
  static final String STORAGE_CLASS = "x-amz-storage-class";
  /** S3's limit on user metadata: the UTF-8 bytes of every name (without the prefix) and value. */
  static final int MAX_USER_METADATA_BYTES = 2048;
  /** S3's limit on a website redirect location. */
  static final int MAX_REDIRECT_BYTES = 2048;

  /** Entity headers S3 stores with the object and returns on GET and HEAD. */
  static final List<String> ENTITY_HEADERS = List.of("Content-Type", "Content-Encoding", "Content-Disposition",
      "Content-Language", "Cache-Control", "Expires");

  /** Storage classes S3 knows; JAIS has one, {@code STANDARD}. */
  private static final Set<String> STORAGE_CLASSES = Set.of("STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA",
      "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER", "DEEP_ARCHIVE", "OUTPOSTS", "GLACIER_IR", "SNOW",
      "EXPRESS_ONEZONE", "FSX_OPENZFS");

  private S3Metadata() {}

  /**
   * The metadata a PutObject, a CopyObject with REPLACE or a CreateMultipartUpload carries in its
   * headers, checked as S3 checks it.
   *
   * @throws S3Exception MetadataTooLarge (user metadata over 2 KiB), InvalidRedirectLocation,
   *     InvalidStorageClass, NotImplemented (a storage class other than STANDARD)
   */
  static Map<String, String> fromRequest(Request request) {
    checkStorageClass(request);
    Map<String, String> custom = new LinkedHashMap<>();
    for (String name : ENTITY_HEADERS) {
      String value = request.header(name);
      if (name.equals("Content-Encoding") && value != null) {
        value = stripAwsChunked(value);
      } else if (name.equals("Expires") && value != null) {
        value = expires(value);
      }
      if (value != null && !value.isEmpty()) {
        custom.put(name, utf8(value));
      }
    }
    String redirect = websiteRedirect(request);
    if (redirect != null) {
      custom.put(WEBSITE_REDIRECT, redirect);
    }
    int userBytes = 0;
    for (Map.Entry<String, String> header : request.headers()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (name.startsWith(USER_PREFIX)) {
        String value = utf8(header.getValue());
        custom.merge(name, value, (a, b) -> a + "," + b);
        userBytes += utf8Length(name.substring(USER_PREFIX.length())) + utf8Length(value);
      }
    }
    if (userBytes > MAX_USER_METADATA_BYTES) {
      throw new S3Exception(S3Error.METADATA_TOO_LARGE, "Your metadata headers exceed the maximum allowed metadata"
          + " size: user metadata (names without x-amz-meta- and values) is " + userBytes + " bytes, at most "
          + MAX_USER_METADATA_BYTES);
    }
    return custom;
  }

  /**
   * The request's {@code x-amz-website-redirect-location}, checked: a path ({@code /...}) or an
   * http(s) URL, at most 2 KiB; null when absent.
   */
  static String websiteRedirect(Request request) {
    String value = request.header(WEBSITE_REDIRECT);
    if (value == null) {
      return null;
    }
    String location = utf8(value);
    if (!(location.startsWith("/") || location.startsWith("http://") || location.startsWith("https://"))
        || utf8Length(location) > MAX_REDIRECT_BYTES) {
      throw new S3Exception(S3Error.INVALID_REDIRECT_LOCATION, "The website redirect location must have a prefix of"
          + " 'http://' or 'https://' or '/' and be at most " + MAX_REDIRECT_BYTES + " bytes (got \"" + location + "\")");
    }
    return location;
  }

  /** {@code x-amz-storage-class}: STANDARD (the only one JAIS has, not kept: S3 never returns it) or absent. */
  static void checkStorageClass(Request request) {
    String storageClass = request.header(STORAGE_CLASS);
    if (storageClass == null || storageClass.equals("STANDARD")) {
      return;
    }
    if (STORAGE_CLASSES.contains(storageClass)) {
      throw new S3Exception(S3Error.NOT_IMPLEMENTED, "storage class " + storageClass
          + " is not implemented: JAIS stores every object as STANDARD");
    }
    throw new S3Exception(S3Error.INVALID_STORAGE_CLASS, "The storage class you specified is not valid: \""
        + storageClass + "\"");
  }

  /** {@code aws-chunked} only frames the upload; S3 does not keep it as the object's encoding. */
  static String stripAwsChunked(String encoding) {
    boolean framed = false;
    StringBuilder kept = new StringBuilder();
    for (String part : encoding.split(",")) {
      String token = part.strip();
      if (token.equalsIgnoreCase("aws-chunked")) {
        framed = true;
      } else if (!token.isEmpty()) {
        kept.append(kept.isEmpty() ? "" : ", ").append(token);
      }
    }
    return framed ? kept.toString() : encoding;
  }

  /** An Expires that is an HTTP date in another form becomes IMF-fixdate; anything else stays as sent. */
  static String expires(String value) {
    if (HttpDate.isImfFixdate(value)) {
      return value;
    }
    return HttpDate.parse(value).map(HttpDate::format).orElse(value);
  }

  private static int utf8Length(String value) {
    return value.getBytes(StandardCharsets.UTF_8).length;
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
      if (name.startsWith(USER_PREFIX) || ENTITY_HEADERS.contains(name) || name.equals(WEBSITE_REDIRECT)) {
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
