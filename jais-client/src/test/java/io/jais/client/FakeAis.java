package io.jais.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jais.api.ActMsg;
import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketProps;
import io.jais.api.bucket.Namespace;
import io.jais.api.bucket.Provider;
import io.jais.api.cluster.NetInfo;
import io.jais.api.cluster.NodeRole;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.api.config.ClusterConfig;
import io.jais.api.error.ErrorBody;
import io.jais.api.hash.Xxh64;
import io.jais.api.json.WireJson;
import io.jais.api.msgpack.ListObjectsCodec;
import io.jais.api.object.EntryFlags;
import io.jais.api.object.ListFlags;
import io.jais.api.object.ListObjectsMsg;
import io.jais.api.object.ListObjectsPage;
import io.jais.api.object.ObjectEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small in-memory AIS over real HTTP: a proxy that serves buckets, listings and the cluster
 * map and redirects object calls (GET 301, others 307) to one target that stores objects. The
 * target rejects non-GET/HEAD calls without redirect markers, like AIS. Every request is recorded.
 */
final class FakeAis implements AutoCloseable {
  /** One request as a node saw it. */
  record Seen(String node, String method, String rawPath, String rawQuery, Headers headers, byte[] body) {
    String header(String name) {
      return headers.getFirst(name);
    }

    Map<String, String> query() {
      return parseQuery(rawQuery);
    }
  }

  /** A canned reply for the next proxy request. */
  record Canned(int status, String contentType, String body, Map<String, String> headers) {}

  record Stored(byte[] data, Map<String, String> custom, int version) {}

  final HttpServer proxy;
  final HttpServer target;
  final List<Seen> seen = new CopyOnWriteArrayList<>();
  final List<ListObjectsMsg> listRequests = new CopyOnWriteArrayList<>();
  final Map<String, Bucket> buckets = new ConcurrentSkipListMap<>();
  final Map<String, JsonNode> bucketPatches = new ConcurrentHashMap<>();
  final Map<String, Stored> objects = new ConcurrentSkipListMap<>();
  private final Map<String, StringBuilder> appends = new ConcurrentHashMap<>();
  private volatile Smap smap;
  private volatile Canned canned;

  FakeAis() throws IOException {
    proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    proxy.createContext("/", exchange -> serve("proxy", exchange));
    target.createContext("/", exchange -> serve("target", exchange));
    proxy.start();
    target.start();
    Snode node = Snode.of("tFake8081", NodeRole.TARGET, NetInfo.of("http", "127.0.0.1", target.getAddress().getPort()));
    smap = new Smap(Map.of(), Map.of(node.id(), node), null, "FakeUuid", "", 7);
  }

  String proxyUrl() {
    return "http://127.0.0.1:" + proxy.getAddress().getPort();
  }

  String targetUrl() {
    return "http://127.0.0.1:" + target.getAddress().getPort();
  }

  void smap(Smap newSmap) {
    smap = newSmap;
  }

  /** The next proxy request gets this reply instead of being served. */
  void failNext(int status, String contentType, String body, Map<String, String> headers) {
    canned = new Canned(status, contentType, body, headers);
  }

  void addBucket(Bucket bucket) {
    buckets.put(bucket.uname(), bucket);
  }

  void addObject(Bucket bucket, String name, byte[] data) {
    objects.put(bucket.uname(name), new Stored(data, Map.of(), 1));
  }

  List<Seen> seenBy(String node) {
    return seen.stream().filter(s -> s.node().equals(node)).toList();
  }

  private void serve(String node, HttpExchange exchange) throws IOException {
    try (exchange) {
      boolean redirect = node.equals("proxy") && exchange.getRequestURI().getRawPath().startsWith("/v1/objects/");
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (redirect) {
        // HttpServer has already answered 100-continue, so the client sends the body anyway: drain
        // it (docs/native-api.md#redirects: friendlier than a reset). HeaderOnlyRedirector plays the
        // AIS-like proxy.
        body = new byte[0];
      }
      URIParts uri = new URIParts(exchange);
      seen.add(new Seen(node, exchange.getRequestMethod(), uri.rawPath, uri.rawQuery, exchange.getRequestHeaders(), body));
      Canned reply = node.equals("proxy") ? canned : null;
      if (reply != null) {
        canned = null;
        reply.headers().forEach(exchange.getResponseHeaders()::add);
        send(exchange, reply.status(), reply.contentType(), reply.body().getBytes(StandardCharsets.UTF_8));
      } else if (redirect) {
        redirect(exchange, uri);
      } else if (node.equals("proxy")) {
        proxy(exchange, uri, body);
      } else {
        target(exchange, uri, body);
      }
    } catch (RuntimeException e) {
      error(exchange, 500, "", "fake failed: " + e);
    }
  }

  private void redirect(HttpExchange exchange, URIParts uri) throws IOException {
    String query = (uri.rawQuery == null ? "" : uri.rawQuery + "&") + "pid=pFake&utm=1";
    exchange.getResponseHeaders().set("Location", targetUrl() + uri.rawPath + "?" + query);
    int status = exchange.getRequestMethod().equals("GET") ? 301 : 307;
    exchange.sendResponseHeaders(status, -1);
  }

  private void proxy(HttpExchange exchange, URIParts uri, byte[] body) throws IOException {
    String path = uri.path;
    String method = exchange.getRequestMethod();
    if (path.equals("/v1/daemon") && "smap".equals(uri.query.get("what"))) {
      send(exchange, 200, "application/json", WireJson.toBytes(smap));
    } else if (path.equals("/v1/health")) {
      send(exchange, 200, "", new byte[0]);
    } else if (path.equals("/v1/cluster") && "cluster_config".equals(uri.query.get("what"))) {
      send(exchange, 200, "application/json", WireJson.toBytes(ClusterConfig.defaults()));
    } else if (path.equals("/v1/buckets") && method.equals("GET")) {
      Provider provider = Provider.parse(uri.query.get("provider"));
      send(exchange, 200, "application/json",
          WireJson.toBytes(buckets.values().stream().filter(b -> b.provider() == provider).toList()));
    } else if (path.startsWith("/v1/buckets/")) {
      bucket(exchange, uri.bucket(path.substring("/v1/buckets/".length())), body);
    } else {
      error(exchange, 400, "", "invalid request URI " + path);
    }
  }

  private void bucket(HttpExchange exchange, Bucket bucket, byte[] body) throws IOException {
    String method = exchange.getRequestMethod();
    boolean exists = buckets.containsKey(bucket.uname());
    ActMsg msg = body.length == 0 ? ActMsg.of("") : WireJson.parse(body, ActMsg.class);
    if (method.equals("POST")) {
      if (exists) {
        error(exchange, 409, "ErrBucketAlreadyExists", "bucket \"" + bucket.uri() + "\" already exists");
        return;
      }
      addBucket(bucket);
      if (msg.hasValue()) {
        bucketPatches.put(bucket.uname(), msg.value());
      }
      send(exchange, 200, "", new byte[0]);
    } else if (!exists) {
      error(exchange, 404, "ErrBckNotFound", "bucket \"" + bucket.uri() + "\" does not exist");
    } else if (method.equals("DELETE")) {
      buckets.remove(bucket.uname());
      send(exchange, 200, "", new byte[0]);
    } else if (method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Ais-Bucket-Props", WireJson.toString(BucketProps.defaults(bucket.provider())));
      exchange.sendResponseHeaders(200, -1);
    } else if (method.equals("PATCH")) {
      bucketPatches.put(bucket.uname(), msg.hasValue() ? msg.value() : WireJson.MAPPER.createObjectNode());
      send(exchange, 200, "", new byte[0]);
    } else {
      list(exchange, bucket, WireJson.convert(msg.value(), ListObjectsMsg.class));
    }
  }

  private void list(HttpExchange exchange, Bucket bucket, ListObjectsMsg msg) throws IOException {
    listRequests.add(msg);
    long size = msg.pagesize() == 0 ? 1000 : msg.pagesize();
    List<ObjectEntry> entries = new ArrayList<>();
    String prefix = bucket.uname();
    for (Map.Entry<String, Stored> object : objects.entrySet()) {
      String name = object.getKey().startsWith(prefix) ? object.getKey().substring(prefix.length()) : null;
      if (name == null || !name.startsWith(msg.prefix()) || name.compareTo(msg.continuationToken()) <= 0
          || (!msg.startAfter().isEmpty() && name.compareTo(msg.startAfter()) <= 0)) {
        continue;
      }
      long bytes = msg.has(ListFlags.NAME_ONLY) ? 0 : object.getValue().data().length;
      entries.add(new ObjectEntry(name, "", "", "1", "", "", bytes, 1, EntryFlags.IS_CACHED));
      if (entries.size() == size) {
        break;
      }
    }
    String token = entries.size() == size ? entries.getLast().name() : "";
    String uuid = msg.uuid().isEmpty() ? "session-" + listRequests.size() : msg.uuid();
    send(exchange, 200, ListObjectsCodec.CONTENT_TYPE, ListObjectsCodec.encode(new ListObjectsPage(uuid, token, entries, 0)));
  }

  private void target(HttpExchange exchange, URIParts uri, byte[] body) throws IOException {
    String method = exchange.getRequestMethod();
    if (!uri.path.startsWith("/v1/objects/")) {
      error(exchange, 400, "", "invalid request URI " + uri.path);
      return;
    }
    if (!method.equals("GET") && !method.equals("HEAD") && !uri.query.containsKey("pid")) {
      error(exchange, 400, "ErrNotRedirected", method + " " + uri.path + " is expected to be redirected");
      return;
    }
    String rest = uri.path.substring("/v1/objects/".length());
    Bucket bucket = uri.bucket(rest.substring(0, rest.indexOf('/')));
    String name = rest.substring(rest.indexOf('/') + 1);
    if (!buckets.containsKey(bucket.uname())) {
      error(exchange, 404, "ErrBckNotFound", "bucket \"" + bucket.uri() + "\" does not exist");
      return;
    }
    String key = bucket.uname(name);
    if (method.equals("PUT")) {
      put(exchange, uri, key, body);
      return;
    }
    Stored stored = objects.get(key);
    if (stored == null) {
      error(exchange, 404, "ErrNotFound", "t[tFake8081]: " + bucket.uri() + "/" + name + " does not exist");
    } else if (method.equals("DELETE")) {
      objects.remove(key);
      send(exchange, 200, "", new byte[0]);
    } else if (method.equals("PATCH")) {
      Map<String, String> custom = new TreeMap<>("true".equals(uri.query.get("set-new-custom")) ? Map.of() : stored.custom());
      WireJson.parse(body, ActMsg.class).value().properties().forEach(e -> custom.put(e.getKey(), e.getValue().asText()));
      objects.put(key, new Stored(stored.data(), custom, stored.version()));
      send(exchange, 200, "", new byte[0]);
    } else {
      read(exchange, name, stored);
    }
  }

  private void put(HttpExchange exchange, URIParts uri, String key, byte[] body) throws IOException {
    String appendType = uri.query.get("append_type");
    if (uri.query.containsKey("object_to")) {
      Stored source = objects.get(key);
      Bucket dst = Bucket.ais(uri.query.get("object_to").split("/")[2]);
      if (!buckets.containsKey(dst.uname())) {
        error(exchange, 404, "ErrBckNotFound", "bucket \"" + dst.uri() + "\" does not exist");
        return;
      }
      objects.put(uri.query.get("object_to"), source);
    } else if ("append".equals(appendType)) {
      String handle = uri.query.get("append_handle").isEmpty() ? "h-" + key : uri.query.get("append_handle");
      appends.computeIfAbsent(handle, h -> new StringBuilder(objects.containsKey(key)
          ? new String(objects.get(key).data(), StandardCharsets.ISO_8859_1) : ""))
          .append(new String(body, StandardCharsets.ISO_8859_1));
      exchange.getResponseHeaders().set("Ais-Append-Handle", handle);
    } else if ("flush".equals(appendType)) {
      StringBuilder data = appends.remove(uri.query.get("append_handle"));
      objects.put(key, new Stored(data.toString().getBytes(StandardCharsets.ISO_8859_1), Map.of(), 1));
    } else {
      String checksum = Xxh64.hex(Xxh64.hash(body, 0));
      String expected = exchange.getRequestHeaders().getFirst("Ais-Checksum-Value");
      if (expected != null && !expected.equals(checksum)) {
        error(exchange, 400, "ErrInvalidCksum", "checksum mismatch: expected " + expected + ", got " + checksum);
        return;
      }
      Map<String, String> custom = new TreeMap<>();
      for (String pair : exchange.getRequestHeaders().getOrDefault("Ais-Custom-Md", List.of())) {
        custom.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
      }
      Stored old = objects.get(key);
      objects.put(key, new Stored(body, custom, old == null ? 1 : old.version() + 1));
      exchange.getResponseHeaders().set("Ais-Checksum-Type", "xxhash2");
      exchange.getResponseHeaders().set("Ais-Checksum-Value", checksum);
      exchange.getResponseHeaders().set("Ais-Version", Integer.toString(objects.get(key).version()));
    }
    send(exchange, 200, "", new byte[0]);
  }

  private void read(HttpExchange exchange, String name, Stored stored) throws IOException {
    Headers out = exchange.getResponseHeaders();
    out.set("Ais-Checksum-Type", "xxhash2");
    out.set("Ais-Checksum-Value", Xxh64.hex(Xxh64.hash(stored.data(), 0)));
    out.set("Ais-Atime", "1755700000123456789");
    out.set("Ais-Version", Integer.toString(stored.version()));
    out.set("Ais-Present", "true");
    out.set("Ais-Location", "t[tFake8081]:/mp1");
    stored.custom().forEach((k, v) -> out.add("Ais-Custom-Md", k + "=" + v));
    if (exchange.getRequestMethod().equals("HEAD")) {
      out.set("Content-Length", Integer.toString(stored.data().length));
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    String range = exchange.getRequestHeaders().getFirst("Range");
    if (range == null) {
      send(exchange, 200, "application/octet-stream", stored.data());
      return;
    }
    String[] bounds = range.substring("bytes=".length()).split("-", -1);
    int size = stored.data().length;
    int from = Integer.parseInt(bounds[0]);
    int to = bounds[1].isEmpty() ? size - 1 : Math.min(size - 1, Integer.parseInt(bounds[1]));
    if (from >= size) {
      out.set("Content-Range", "bytes */" + size);
      error(exchange, 416, "ErrRangeNotSatisfiable", "range not satisfiable");
      return;
    }
    out.set("Content-Range", "bytes " + from + "-" + to + "/" + size);
    send(exchange, 206, "application/octet-stream", java.util.Arrays.copyOfRange(stored.data(), from, to + 1));
  }

  /** AIS error: JSON body, or on HEAD the JSON in {@code Hdr-Error} and no body. */
  private static void error(HttpExchange exchange, int status, String tcode, String message) throws IOException {
    String json = WireJson.toString(new ErrorBody(tcode, message, exchange.getRequestMethod(),
        exchange.getRequestURI().getRawPath(), "", "", "fake", status));
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.getResponseHeaders().set("Hdr-Error", json);
      exchange.sendResponseHeaders(status, -1);
    } else {
      send(exchange, status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    if (!contentType.isEmpty()) {
      exchange.getResponseHeaders().set("Content-Type", contentType);
    }
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  static Map<String, String> parseQuery(String rawQuery) {
    Map<String, String> query = new LinkedHashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        query.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return query;
  }

  /** The request URI: raw and decoded path, query. */
  private static final class URIParts {
    final String rawPath;
    final String path;
    final String rawQuery;
    final Map<String, String> query;

    URIParts(HttpExchange exchange) {
      rawPath = exchange.getRequestURI().getRawPath();
      path = exchange.getRequestURI().getPath();
      rawQuery = exchange.getRequestURI().getRawQuery();
      query = parseQuery(rawQuery);
    }

    Bucket bucket(String name) {
      return new Bucket(name, Provider.parse(query.get("provider")), Namespace.parse(query.get("namespace")));
    }
  }

  @Override
  public void close() {
    proxy.stop(0);
    target.stop(0);
  }

  /** Reads a stream fully; for tests that check what arrived. */
  static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }
}
