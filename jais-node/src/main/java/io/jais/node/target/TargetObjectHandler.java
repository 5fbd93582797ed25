package io.jais.node.target;

import io.jais.api.ActMsg;
import io.jais.api.Action;
import io.jais.api.Header;
import io.jais.api.QueryParam;
import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.BucketProps;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.cluster.ClusterState;
import io.jais.node.cluster.IntraClient;
import io.jais.node.http.BucketParams;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import io.jais.node.storage.ByteRange;
import io.jais.node.storage.Checksum;
import io.jais.node.storage.ChecksumType;
import io.jais.node.storage.ObjectMeta;
import io.jais.node.storage.ObjectName;
import io.jais.node.storage.ObjectStore;
import io.jais.node.storage.OpenedObject;
import io.jais.node.storage.PutOptions;
import io.jais.node.storage.SharedFile;
import io.jais.node.storage.SharedObject;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.util.AsciiString;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A target's object routes: GET (whole and ranged, zero-copy), HEAD v1/v2, PUT (plain, append,
 * flush, copy), DELETE and PATCH of custom metadata. Requests other than GET and HEAD must have
 * been redirected by a proxy (spec §2.5).
 */
public final class TargetObjectHandler {
  private final ClusterState state;
  private final ObjectStore store;
  private final ObjectCopier copier;
  private final PeerCopies peers;

  public TargetObjectHandler(ClusterState state, ObjectStore store, ObjectCopier copier, IntraClient intra) {
    this.state = state;
    this.store = store;
    this.copier = copier;
    this.peers = new PeerCopies(state, intra);
  }

  /** Query parameters of AIS features not implemented yet: refused, never silently ignored. */
  private static final List<String> NOT_YET_ON_GET = List.of("archpath", "archregx", "archmode", "etl_name",
      "etl_pipeline");
  private static final List<String> NOT_YET_ON_PUT = List.of("uploadId", "partNumber", "archpath", "etl_name");

  public Response get(Request request) throws Exception {
    refuseNotYetImplemented(request, NOT_YET_ON_GET);
    Bucket bucket = BucketParams.of(request);
    BucketProps props = props(bucket);
    String name = objectName(request, bucket);
    try {
      if (props.checksum().validateWarmGet()) {
        OpenedObject object = store.open(bucket, name, true);
        return send(request, object.meta(), null, object.channel());
      }
      return send(request, store.openShared(bucket, name));
    } catch (JaisException e) {
      return redirectToPeer(request, e, 301); // rethrows anything but OBJECT_NOT_FOUND (416, checksum)
    }
  }

  /**
   * GET on the event loop, for an object whose metadata and open descriptor are cached (it was
   * read moments ago): no thread hand-off, no system call but the {@code sendfile}. Everything
   * else (a miss, checksum validation on GET, query parameters other than the bucket's) returns
   * null and goes to {@link #get} on a virtual thread.
   */
  public Response getCached(Request request) {
    if (!onlyBucketParams(request)) {
      return null;
    }
    Bucket bucket = BucketParams.of(request);
    BucketProps props = state.bmd().props(bucket).orElse(null);
    if (props == null || props.checksum().validateWarmGet()) {
      return null;
    }
    String name = objectName(request, bucket);
    SharedObject object = store.tryOpenCached(bucket, name);
    return object == null ? null : send(request, object);
  }

  private static Response send(Request request, SharedObject object) {
    return send(request, object.meta(), object.file(), object.file().channel());
  }

  /**
   * The headers every GET of this object version answers with (all but the atime and the
   * length), built once per open descriptor: every change of the object drops its descriptor.
   */
  private static Response versionHeaders(ObjectMeta meta, SharedFile file) {
    if (file.derived() instanceof Response cached) {
      return cached;
    }
    Response built = versionHeaders(meta);
    file.derive(built);
    return built;
  }

  private static Response versionHeaders(ObjectMeta meta) {
    return ObjectHeaders.versionAttributes(Response.builder(200), meta)
        .header(CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM)
        .header(ACCEPT_RANGES, HttpHeaderValues.BYTES)
        .build();
  }

  // spelled as they always went out (Netty's HttpHeaderNames are lower case)
  private static final AsciiString CONTENT_TYPE = AsciiString.cached("Content-Type");
  private static final AsciiString ACCEPT_RANGES = AsciiString.cached("Accept-Ranges");

  // The fast path serves plain GETs only: anything unusual in the query takes the full path.
  private static boolean onlyBucketParams(Request request) {
    return request.queryNamesWithin(FAST_PATH_PARAMS);
  }

  private static final Set<String> FAST_PATH_PARAMS =
      Set.of(QueryParam.PROVIDER, QueryParam.NAMESPACE, QueryParam.PROXY_ID, QueryParam.REDIRECT_TIME);

  /**
   * The object's bytes (all, or the requested range) from an open channel: owned by the response
   * when {@code shared} is null, else the shared descriptor's, released once the transfer is over
   * (and caching the version's headers).
   */
  private static Response send(Request request, ObjectMeta meta, SharedFile shared, FileChannel channel) {
    boolean sent = false;
    try {
      Response versionHeaders = shared == null ? versionHeaders(meta) : versionHeaders(meta, shared);
      Response.Builder response = ObjectHeaders.atime(Response.builder(200).headersOf(versionHeaders), meta);
      String rangeHeader = request.header(HttpHeaderNames.RANGE);
      ByteRange range = rangeHeader == null ? null : ByteRange.parse(rangeHeader, meta.size()).orElse(null);
      long offset = 0;
      long length = meta.size();
      if (range != null) {
        offset = range.offset();
        length = range.length();
        response.status(206).header("Content-Range", "bytes " + offset + "-" + range.last() + "/" + meta.size());
      }
      if (shared == null) {
        response.file(channel, offset, length);
      } else {
        response.sharedFile(channel, offset, length, shared::release);
      }
      Response built = response.build();
      sent = true;
      return built;
    } finally {
      if (!sent) {
        closeOrRelease(channel, shared);
      }
    }
  }

  private static void closeOrRelease(FileChannel channel, SharedFile shared) {
    if (shared != null) {
      shared.release();
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // nothing was sent from it; the error being thrown matters more
    }
  }

  public Response head(Request request) throws Exception {
    Bucket bucket = BucketParams.of(request);
    props(bucket);
    String name = objectName(request, bucket);
    var found = store.head(bucket, name);
    if (found.isEmpty()) {
      return redirectToPeer(request, JaisException.noSuchObject(bucket, name), 307);
    }
    ObjectMeta meta = found.get();
    String mountpath = store.mountpathOf(bucket, name).path().toString();
    String location = "t[" + state.self().id() + "]:" + mountpath;
    String propsParam = request.query(QueryParam.PROPS);
    if (propsParam == null) {
      return ObjectHeaders.headV1(Response.builder(200), bucket, name, meta, location, mountpath).build();
    }
    Set<String> props = new HashSet<>(Arrays.asList(propsParam.split(",")));
    props.remove("");
    for (String prop : props) {
      if (!ObjectHeaders.V2_PROPS.contains(prop)) {
        throw JaisException.invalid("invalid object property \"" + prop + "\" (expected: " + ObjectHeaders.V2_PROPS + ")");
      }
    }
    return ObjectHeaders.headV2(Response.builder(200), props, meta, location, mountpath).build();
  }

  public Response put(Request request) throws Exception {
    requireRedirected(request);
    refuseNotYetImplemented(request, NOT_YET_ON_PUT);
    Bucket bucket = BucketParams.of(request);
    BucketProps props = props(bucket);
    String name = objectName(request, bucket);
    String objectTo = request.query(QueryParam.OBJECT_TO);
    if (objectTo != null) {
      copier.copy(bucket, name, objectTo);
      return Response.ok();
    }
    String appendType = request.query(QueryParam.APPEND_TYPE);
    if (appendType != null) {
      return append(request, bucket, name, appendType);
    }
    ObjectMeta meta = store.put(bucket, name, request.body(), putOptions(request, props));
    return ObjectHeaders.attributes(Response.builder(200), meta).build();
  }

  private Response append(Request request, Bucket bucket, String name, String appendType) throws Exception {
    String handle = AppendHandle.localPart(request.query(QueryParam.APPEND_HANDLE, ""), state.self().id());
    return switch (appendType) {
      case "append" -> {
        String next = store.append(bucket, name, handle, request.body());
        yield Response.builder(200).header(Header.APPEND_HANDLE, AppendHandle.of(state.self().id(), next)).build();
      }
      case "flush" -> {
        if (handle.isEmpty()) {
          throw JaisException.invalid("flush of " + bucket.uri() + "/" + name + ": append_handle is required");
        }
        yield ObjectHeaders.attributes(Response.builder(200), store.flush(bucket, name, handle)).build();
      }
      default -> throw JaisException.invalid("invalid append_type \"" + appendType + "\" (expected: append or flush)");
    };
  }

  /** DELETE removes the object here and any copy peers hold (see {@link PeerCopies}). */
  public Response delete(Request request) throws Exception {
    requireRedirected(request);
    Bucket bucket = BucketParams.of(request);
    props(bucket);
    String name = objectName(request, bucket);
    if (PeerCopies.isLocalOnly(request)) {
      store.delete(bucket, name);
      return Response.ok();
    }
    JaisException missingHere = null;
    try {
      store.delete(bucket, name);
    } catch (JaisException e) {
      if (e.code() != ErrorCode.OBJECT_NOT_FOUND) {
        throw e;
      }
      missingHere = e;
    }
    if (peers.deleteEverywhere(request) == 0 && missingHere != null) {
      throw missingHere;
    }
    return Response.ok();
  }

  /**
   * An object this target lacks may still be on a peer (it was written before this target joined
   * and no rebalance has moved it yet): send the client there, or fail with the original error.
   */
  private Response redirectToPeer(Request request, JaisException notHere, int status) throws InterruptedException {
    if (notHere.code() != ErrorCode.OBJECT_NOT_FOUND || PeerCopies.isLocalOnly(request)) {
      throw notHere;
    }
    return Response.redirect(status, peers.find(request).orElseThrow(() -> notHere));
  }

  /** PATCH: merge (or with {@code set-new-custom=true} replace) custom metadata (spec §7.6). */
  public Response patch(Request request) throws Exception {
    requireRedirected(request);
    Bucket bucket = BucketParams.of(request);
    props(bucket);
    String name = objectName(request, bucket);
    ActMsg msg = request.bodyJson(ActMsg.class);
    if (msg == null || !msg.value().isObject()) {
      throw JaisException.invalid("set custom metadata of " + bucket.uri() + "/" + name
          + ": value must be a JSON object of string keys and values");
    }
    Map<String, String> custom = new LinkedHashMap<>();
    msg.value().properties().forEach(e -> custom.put(e.getKey(), e.getValue().asText()));
    store.setCustom(bucket, name, custom, request.queryBool(QueryParam.SET_NEW_CUSTOM, false));
    return Response.ok();
  }

  /** {@code POST /v1/objects/{bucket}/{object}}: object actions (multipart, check-lock, ...). */
  public Response post(Request request) throws Exception {
    ActMsg msg = request.bodyJson(ActMsg.class);
    String action = msg == null ? "" : msg.action();
    if (Action.NOT_YET_IMPLEMENTED.contains(action)) {
      throw new JaisException(ErrorCode.NOT_IMPLEMENTED, "object action \"" + action + "\" is not implemented in JAIS yet");
    }
    throw new JaisException(ErrorCode.UNKNOWN_ACTION, "invalid object action \"" + action + "\"");
  }

  private static void refuseNotYetImplemented(Request request, List<String> params) {
    for (String param : params) {
      if (request.query(param) != null) {
        throw new JaisException(ErrorCode.NOT_IMPLEMENTED, "query parameter " + param + " (" + request.method() + " "
            + request.path() + ") is not implemented in JAIS yet");
      }
    }
  }

  private BucketProps props(Bucket bucket) {
    return state.bmd().props(bucket).orElseThrow(() -> JaisException.noSuchBucket(bucket));
  }

  private static String objectName(Request request, Bucket bucket) {
    String name = request.pathParam("object");
    ObjectName.validate(bucket, name);
    return name;
  }

  private static PutOptions putOptions(Request request, BucketProps props) {
    Checksum expected = Checksum.of(request.header(Header.CHECKSUM_TYPE), request.header(Header.CHECKSUM_VALUE));
    return new PutOptions(ChecksumType.parse(props.checksum().type()), expected, customMetadata(request),
        props.writePolicy().fsyncData(), props.versioning().enabled());
  }

  /**
   * Custom metadata sent with a PUT: {@code Ais-Custom-Md: k=v}, repeated, or several pairs joined
   * by ", " in one header line (how clients join repeated headers).
   */
  static Map<String, String> customMetadata(Request request) {
    List<String> lines = request.headers().getAll(Header.CUSTOM_MD);
    if (lines.isEmpty()) {
      return Map.of();
    }
    Map<String, String> custom = new LinkedHashMap<>();
    for (String line : lines) {
      for (String pair : line.split(",")) {
        String kv = pair.strip();
        int eq = kv.indexOf('=');
        if (eq <= 0) {
          throw JaisException.invalid("invalid " + Header.CUSTOM_MD + " \"" + kv + "\" (expected: key=value)");
        }
        custom.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
    }
    return custom;
  }

  /** AIS accepts only GET and HEAD straight from clients; other requests come through a proxy. */
  private static void requireRedirected(Request request) {
    request.requireRedirectedOrIntra();
  }
}
