package io.jais.node.s3;

import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Snode;
import io.jais.node.cluster.ClusterState;
import io.jais.node.http.HttpDate;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CopyObject and UploadPartCopy: GETs the source from its owning target (with the
 * {@code x-amz-copy-source-if-*} conditions and range) and streams it as the PUT body to the target
 * that owns the destination, so the copy passes through the proxy without being held. Metadata
 * comes from the source (directive COPY) or from this request (REPLACE); parts carry none.
 */
final class CopyObjectOp {
  /**
   * Marks the proxy's GET of a copy's source: the target evaluates the {@code x-amz-copy-source-if-*}
   * conditions, and a {@code Range} as a {@link CopySourceRange}.
   */
  static final String COPY_SOURCE_MARKER = "x-jais-copy-source";

  private final ClusterState state;
  private final TargetRelay relay;
  private final Request request;
  private final Bucket bucket;
  private final String key;

  CopyObjectOp(ClusterState state, TargetRelay relay, Request request, Bucket bucket, String key) {
    this.state = state;
    this.relay = relay;
    this.request = request;
    this.bucket = bucket;
    this.key = key;
  }

  Response run() throws Exception {
    boolean part = request.query("uploadId") != null;
    String directive = request.header("x-amz-metadata-directive");
    boolean replace = directive != null && directive.equalsIgnoreCase("REPLACE");
    if (directive != null && !replace && !directive.equalsIgnoreCase("COPY")) {
      throw new S3Exception(S3Error.INVALID_ARGUMENT, "Unknown metadata directive: " + directive);
    }
    String[] source = source(request.header(S3ObjectHandler.COPY_SOURCE));
    Bucket sourceBucket = Bucket.ais(source[0]);
    if (!state.bmd().contains(sourceBucket)) {
      throw S3Params.noSuchBucket(sourceBucket);
    }
    if (!part && !replace && sourceBucket.equals(bucket) && source[1].equals(key)) {
      throw new S3Exception(S3Error.INVALID_REQUEST, "This copy request is illegal because it is trying to copy an"
          + " object to itself without changing the object's metadata.");
    }
    String range = part ? request.header(CopySourceRange.HEADER) : null;
    if (range != null) {
      CopySourceRange.parse(range); // its form, before anything is read
    }
    if (!part) {
      S3Metadata.checkStorageClass(request);
      if (replace) {
        S3Metadata.fromRequest(request); // refuses bad metadata before the source is read
      }
    }
    HttpResponse<InputStream> got = get(sourceBucket, source[1], range);
    if (got.statusCode() >= 300) {
      return TargetRelay.toResponse(got, false); // the source's own S3 error (NoSuchKey, 412, 416)
    }
    HttpResponse<InputStream> put = put(got, part ? Metadata.NONE : replace ? Metadata.REQUEST : Metadata.SOURCE);
    if (put.statusCode() >= 300) {
      return TargetRelay.toResponse(put, false);
    }
    put.body().close();
    String root = part ? "CopyPartResult" : "CopyObjectResult";
    String lastModified = put.headers().firstValue("Last-Modified").map(CopyObjectOp::iso).orElse("");
    return new XmlWriter().root(root).element("LastModified", lastModified)
        .element("ETag", put.headers().firstValue("ETag").orElse("")).close(root).response();
  }

  /** {@code [bucket, key]} of {@code x-amz-copy-source: [/]bucket/key[?versionId=...]}, URL-decoded. */
  static String[] source(String header) {
    String value = header.startsWith("/") ? header.substring(1) : header;
    int query = value.indexOf('?');
    if (query >= 0 && !value.substring(query + 1).equals("versionId=null")) {
      throw new S3Exception(S3Error.INVALID_ARGUMENT, "Invalid version id specified in the copy source (\"" + header
          + "\"): versioning is not enabled");
    }
    value = URLDecoder.decode(query < 0 ? value : value.substring(0, query), StandardCharsets.UTF_8);
    int slash = value.indexOf('/');
    if (slash <= 0 || slash == value.length() - 1) {
      throw new S3Exception(S3Error.INVALID_ARGUMENT, "Copy Source must mention the source bucket and key: "
          + "sourcebucket/sourcekey (got \"" + header + "\")");
    }
    return new String[] {value.substring(0, slash), value.substring(slash + 1)};
  }

  /** GETs the source from its owner, which checks the copy's conditions and {@code range} (null: all of it). */
  private HttpResponse<InputStream> get(Bucket sourceBucket, String sourceKey, String range) throws Exception {
    Snode owner = relay.owner(sourceBucket, sourceKey);
    String path = "/s3/" + sourceBucket.name() + "/" + DeleteObjectsOp.pathEncode(sourceKey);
    HttpRequest.Builder get = HttpRequest.newBuilder(URI.create(relay.targetUrl(owner, path))).GET();
    for (String condition : List.of("If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since")) {
      String value = request.header("x-amz-copy-source-" + condition);
      if (value != null) {
        get.header("x-amz-copy-source-" + condition, value);
      }
    }
    if (range != null) {
      get.header("Range", range);
    }
    get.header(COPY_SOURCE_MARKER, "true");
    return relay.send(get, HttpResponse.BodyHandlers.ofInputStream());
  }

  /** Where the destination's metadata comes from: parts have none; a copy's from its directive. */
  private enum Metadata { NONE, REQUEST, SOURCE }

  private HttpResponse<InputStream> put(HttpResponse<InputStream> source, Metadata metadata) throws Exception {
    Snode owner = relay.owner(bucket, key);
    long length = source.headers().firstValueAsLong("Content-Length").orElse(-1);
    InputStream body = source.body();
    HttpRequest.BodyPublisher publisher = length == 0 ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), length);
    HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(relay.targetUrl(owner, request.rawUri())))
        .PUT(publisher);
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    if (metadata == Metadata.REQUEST) {
      S3Metadata.fromRequest(request).forEach((name, value) -> headers.add(Map.entry(name, latin1(value))));
    } else if (metadata == Metadata.SOURCE) {
      for (Map.Entry<String, List<String>> header : source.headers().map().entrySet()) {
        String name = header.getKey().toLowerCase(Locale.ROOT);
        if (name.startsWith(S3Metadata.USER_PREFIX)
            || S3Metadata.ENTITY_HEADERS.stream().anyMatch(h -> h.equalsIgnoreCase(name))) {
          header.getValue().forEach(value -> headers.add(Map.entry(header.getKey(), value)));
        }
      }
      // S3 never copies the source's website redirect; the copy request may set one
      String redirect = S3Metadata.websiteRedirect(request);
      if (redirect != null) {
        headers.add(Map.entry(S3Metadata.WEBSITE_REDIRECT, latin1(redirect)));
      }
    }
    NonAsciiHeaders.addAll(put, headers);
    try (body) {
      return relay.send(put, HttpResponse.BodyHandlers.ofInputStream());
    }
  }

  private static String latin1(String value) {
    return new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  private static String iso(String httpDate) {
    return HttpDate.parse(httpDate).map(S3Params.ISO::format).orElse("");
  }
}
