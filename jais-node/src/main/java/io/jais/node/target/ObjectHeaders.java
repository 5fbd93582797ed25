package io.jais.node.target;

import io.jais.api.Header;
import io.jais.api.bucket.Bucket;
import io.jais.node.http.HttpDate;
import io.jais.node.http.Response;
import io.jais.node.objects.PartLayout;
import io.jais.node.storage.ObjectMeta;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/** Writes object attributes as AIS response headers (docs/native-api.md#objects). */
final class ObjectHeaders {
  private ObjectHeaders() {}

  /**
   * Header values go out as raw UTF-8 bytes, as AIS (Go) sends them: Netty writes each char as one
   * byte, so the UTF-8 encoding is passed as a Latin-1 string.
   */
  static String wire(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) > 0x7f) {
        return new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
      }
    }
    return value;
  }

  /** The attributes GET, PUT and HEAD v1 answer with; custom metadata only when there is some. */
  static Response.Builder attributes(Response.Builder response, ObjectMeta meta) {
    versionAttributes(response, meta);
    return atime(response, meta);
  }

  /** The attributes that stay the same for one version of an object: all but the atime. */
  static Response.Builder versionAttributes(Response.Builder response, ObjectMeta meta) {
    if (!meta.checksum().isNone()) {
      response.header(CHECKSUM_TYPE, meta.checksum().type().wireName());
      response.header(CHECKSUM_VALUE, meta.checksum().value());
    }
    if (!meta.version().isEmpty()) {
      response.header(VERSION, meta.version());
    }
    for (Map.Entry<String, String> kv : meta.custom().entrySet()) {
      response.addHeader(CUSTOM_MD, wire(kv.getKey() + "=" + kv.getValue()));
    }
    if (meta.custom().containsKey("ETag")) {
      response.header(ETAG, wire(meta.custom().get("ETag")));
    }
    return response;
  }

  /** The access time, which changes with every GET. */
  static Response.Builder atime(Response.Builder response, ObjectMeta meta) {
    if (meta.atimeNanos() != 0) {
      response.header(ATIME, Long.toString(meta.atimeNanos()));
    }
    return response;
  }

  // names as AsciiString (spelled as on the wire): their hash is computed once, not per response
  private static final AsciiString CHECKSUM_TYPE = AsciiString.cached(Header.CHECKSUM_TYPE);
  private static final AsciiString CHECKSUM_VALUE = AsciiString.cached(Header.CHECKSUM_VALUE);
  private static final AsciiString VERSION = AsciiString.cached(Header.VERSION);
  private static final AsciiString CUSTOM_MD = AsciiString.cached(Header.CUSTOM_MD);
  private static final AsciiString ATIME = AsciiString.cached(Header.ATIME);
  private static final AsciiString ETAG = AsciiString.cached("ETag"); // as sent before, not "etag"

  /** HEAD v1: every attribute plus identity, location and presence. */
  static Response.Builder headV1(Response.Builder response, Bucket bucket, String name, ObjectMeta meta, String location,
      String mountpath) {
    attributes(response, meta);
    return response
        .header("Content-Length", Long.toString(meta.size()))
        .header(Header.BUCKET_NAME, bucket.name())
        .header(Header.BUCKET_PROVIDER, bucket.provider().wireName())
        .header(Header.OBJECT_NAME, wire(name))
        .header(Header.LOCATION, wire(location))
        .header(Header.MIRROR_COPIES, Integer.toString(1 + meta.copies().size()))
        .header(Header.MIRROR_PATHS, wire(mirrorPaths(mountpath, meta)))
        .header(Header.PRESENT, "true");
  }

  /**
   * {@code Ais-Mirror-Paths}: the mountpaths holding the object, its main file's first, in
   * brackets and separated by commas (what the SDKs split on: {@code [/mp1,/mp2]}).
   */
  static String mirrorPaths(String mountpath, ObjectMeta meta) {
    if (meta.copies().isEmpty()) {
      return "[" + mountpath + "]";
    }
    return "[" + mountpath + "," + String.join(",", meta.copies()) + "]";
  }

  /** Properties HEAD v2 accepts in {@code ?props=} (docs/native-api.md#objects). */
  static final Set<String> V2_PROPS = Set.of("name", "size", "checksum", "atime", "version", "custom",
      "last-modified", "etag", "location", "copies", "ec", "chunked", "cached", "status", "present");

  /** HEAD v2: size and presence always; everything else only when asked for. */
  static Response.Builder headV2(Response.Builder response, Set<String> props, ObjectMeta meta, String location,
      String mountpath) {
    response.header("Content-Length", Long.toString(meta.size())).header(Header.PRESENT, "true");
    if (props.contains("checksum") && !meta.checksum().isNone()) {
      response.header(Header.CHECKSUM_TYPE, meta.checksum().type().wireName());
      response.header(Header.CHECKSUM_VALUE, meta.checksum().value());
    }
    if (props.contains("atime") && meta.atimeNanos() != 0) {
      response.header(Header.ATIME, Long.toString(meta.atimeNanos()));
    }
    if (props.contains("version") && !meta.version().isEmpty()) {
      response.header(Header.VERSION, meta.version());
    }
    if (props.contains("custom")) {
      meta.custom().forEach((k, v) -> response.addHeader(Header.CUSTOM_MD, wire(k + "=" + v)));
    }
    if (props.contains("last-modified")) {
      response.header("Last-Modified", HttpDate.formatEpochNanos(meta.mtimeNanos()));
    }
    if (props.contains("etag")) {
      response.header("ETag", "\"" + meta.custom().getOrDefault("ETag", meta.checksum().value()) + "\"");
    }
    if (props.contains("location")) {
      response.header(Header.LOCATION, wire(location));
    }
    if (props.contains("chunked")) {
      PartLayout.chunks(meta).ifPresent(layout -> response.header(Header.CHUNKS_COUNT, Integer.toString(layout.count()))
          .header(Header.CHUNKS_MAX_SIZE, Long.toString(layout.maxSize())));
    }
    if (props.contains("copies")) {
      response.header(Header.MIRROR_COPIES, Integer.toString(1 + meta.copies().size()));
      response.header(Header.MIRROR_PATHS, wire(mirrorPaths(mountpath, meta)));
    }
    return response;
  }
}
