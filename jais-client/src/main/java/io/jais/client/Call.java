package io.jais.client;

import io.jais.api.ActMsg;
import io.jais.api.ApiPath;
import io.jais.api.QueryParam;
import io.jais.api.bucket.Bucket;
import io.jais.api.json.WireJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request to send: method, path, query, headers and body. Built by the sub-APIs, sent (and
 * re-sent on redirects) by {@link Transport}. Not thread-safe; one instance per call.
 */
final class Call {
  static final String JSON = "application/json";
  static final String OCTETS = "application/octet-stream";

  private final String method;
  private final String path;
  private final Map<String, String> query = new LinkedHashMap<>();
  private final List<String[]> headers = new ArrayList<>();
  private RequestBody body = RequestBody.empty();

  private Call(String method, String path) {
    this.method = method;
    this.path = path;
  }

  static Call of(String method, String path) {
    return new Call(method, path);
  }

  /** {@code /v1/buckets/{name}}; see {@link #bucketPath}. */
  static Call bucket(String method, Bucket bucket) {
    return new Call(method, bucketPath(bucket)).bucketQuery(bucket);
  }

  /** {@code /v1/objects/{bucket}/{quote(object)}}. */
  static Call object(String method, Bucket bucket, String object) {
    return new Call(method, objectPath(bucket, object)).bucketQuery(bucket);
  }

  /**
   * Bucket names go into the path as they are (docs/native-api.md#buckets). Valid names contain no
   * character that
   * quoting would change; an invalid one is escaped so that the server, not URI syntax, rejects it.
   */
  static String bucketPath(Bucket bucket) {
    return ApiPath.BUCKETS + "/" + UrlEncoding.quotePath(bucket.name());
  }

  static String objectPath(Bucket bucket, String object) {
    return ApiPath.OBJECTS + "/" + UrlEncoding.quotePath(bucket.name()) + "/" + UrlEncoding.quotePath(object);
  }

  /**
   * {@code provider} always, {@code namespace=@uuid#name} only when not global
   * (docs/native-api.md#buckets).
   */
  Call bucketQuery(Bucket bucket) {
    query(QueryParam.PROVIDER, bucket.provider().wireName());
    if (!bucket.namespace().isGlobal()) {
      query(QueryParam.NAMESPACE, bucket.namespace().uname());
    }
    return this;
  }

  Call query(String key, String value) {
    query.put(key, value);
    return this;
  }

  Call header(String name, String value) {
    headers.add(new String[] {name, value});
    return this;
  }

  /** An ActMsg body, as JSON. */
  Call action(ActMsg message) {
    return json(message);
  }

  Call json(Object value) {
    body = RequestBody.of(WireJson.toBytes(value));
    return header("Content-Type", JSON);
  }

  Call body(RequestBody data) {
    body = data;
    return header("Content-Type", OCTETS);
  }

  String method() {
    return method;
  }

  RequestBody body() {
    return body;
  }

  List<String[]> headers() {
    return headers;
  }

  /** The path with its percent-encoded query, e.g. {@code /v1/buckets/b?provider=ais}. */
  String pathAndQuery() {
    if (query.isEmpty()) {
      return path;
    }
    StringBuilder out = new StringBuilder(path);
    char separator = '?';
    for (Map.Entry<String, String> param : query.entrySet()) {
      out.append(separator).append(UrlEncoding.quoteQuery(param.getKey()))
          .append('=').append(UrlEncoding.quoteQuery(param.getValue()));
      separator = '&';
    }
    return out.toString();
  }

  /** {@code METHOD /path}, for messages. */
  String describe() {
    return method + " " + path;
  }
}
