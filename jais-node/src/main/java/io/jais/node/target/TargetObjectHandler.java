package io.jais.node.target;

import io.jais.api.ActMsg;
import io.jais.api.Action;
import io.jais.api.Header;
import io.jais.api.QueryParam;
import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.ObjectUname;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.archive.MemberMatch;
import io.jais.node.cluster.ClusterState;
import io.jais.node.http.BucketParams;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import io.jais.node.objects.Caller;
import io.jais.node.objects.ObjectRead;
import io.jais.node.objects.MultipartUploads;
import io.jais.node.objects.ObjectService;
import io.jais.node.objects.PutArgs;
import io.jais.node.storage.ByteRange;
import io.jais.node.storage.Checksum;
import io.jais.node.storage.ObjectMeta;
import io.jais.node.storage.ObjectName;
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
 * A target's native object routes: GET (whole and ranged, zero-copy), HEAD v1/v2, PUT (plain,
 * append, flush, copy), DELETE and PATCH of custom metadata. Translates HTTP to {@link
 * ObjectService} calls by a {@link Caller#USER} and back; what happens to the objects is the
 * service's. Requests other than GET and HEAD must have been redirected by a proxy (AIS answers
 * ErrNotRedirected otherwise).
 */
public final class TargetObjectHandler {
  private final ClusterState state;
  private final ObjectService objects;
  private final NativeMultipart multipart;

  public TargetObjectHandler(ClusterState state, ObjectService objects, MultipartUploads uploads) {
    this.state = state;
    this.objects = objects;
    this.multipart = new NativeMultipart(uploads);
  }

  /** Query parameters of AIS features not implemented yet: refused, never silently ignored. */
  private static final List<String> NOT_YET_ON_GET = List.of("etl_name", "etl_pipeline");
  private static final List<String> NOT_YET_ON_PUT = List.of("archpath", "etl_name");

  public Response get(Request request) throws Exception {
    refuseNotYetImplemented(request, NOT_YET_ON_GET);
    Bucket bucket = BucketParams.of(request);
    String name = objectName(request, bucket);
    String archpath = request.query(QueryParam.ARCHPATH);
    String archregx = request.query(QueryParam.ARCHREGX);
    if (archpath != null && !archpath.isEmpty() || archregx != null) {
      return archive(request, bucket, name, archpath, archregx);
    }
    ObjectRead object = objects.get(bucket, name, Caller.USER);
    return send(request, object.meta(), object.shared(), object.channel());
  }

  /** A shard's member ({@code archpath}) or matching members ({@code archregx}, {@code archmode}). */
  private Response archive(Request request, Bucket bucket, String name, String archpath, String archregx)
      throws IOException {
    if (request.header(HttpHeaderNames.RANGE) != null) {
      throw new JaisException(ErrorCode.RANGE_NOT_SATISFIABLE, "range reads of archived files are not supported ("
          + bucket.uri() + "/" + name + ")");
    }
    if (archpath != null && !archpath.isEmpty()) {
      if (archregx != null && !archregx.isEmpty()) {
        throw JaisException.invalid("archpath and archregx are mutually exclusive (" + bucket.uri() + "/" + name + ")");
      }
      return ArchiveGet.member(objects, bucket, name, archpath);
    }
    return ArchiveGet.matching(objects, bucket, name, MemberMatch.of(archregx, request.query(QueryParam.ARCHMODE)));
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
    String name = objectName(request, bucket);
    SharedObject object = objects.tryOpenCached(bucket, name, Caller.USER);
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
    String name = objectName(request, bucket);
    ObjectMeta meta = objects.head(bucket, name, Caller.USER);
    String mountpath = objects.mountpathOf(bucket, name).path().toString();
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
    String name = objectName(request, bucket);
    if (request.query(NativeMultipart.UPLOAD_ID) != null || request.query(NativeMultipart.PART_NUMBER) != null) {
      return multipart.putPart(request, bucket, name);
    }
    String objectTo = request.query(QueryParam.OBJECT_TO);
    if (objectTo != null) {
      ObjectUname destination = ObjectUname.parse(objectTo);
      objects.copy(bucket, name, destination.bucket().validate(), destination.object(), Caller.USER);
      return Response.ok();
    }
    String appendType = request.query(QueryParam.APPEND_TYPE);
    if (appendType != null) {
      return append(request, bucket, name, appendType);
    }
    Checksum expected = Checksum.of(request.header(Header.CHECKSUM_TYPE), request.header(Header.CHECKSUM_VALUE));
    ObjectMeta meta = objects.put(bucket, name, request.body(), PutArgs.of(expected, customMetadata(request)),
        Caller.USER);
    return ObjectHeaders.attributes(Response.builder(200), meta).build();
  }

  private Response append(Request request, Bucket bucket, String name, String appendType) throws Exception {
    String handle = AppendHandle.localPart(request.query(QueryParam.APPEND_HANDLE, ""), state.self().id());
    return switch (appendType) {
      case "append" -> {
        String next = objects.append(bucket, name, handle, request.body(), Caller.USER);
        yield Response.builder(200).header(Header.APPEND_HANDLE, AppendHandle.of(state.self().id(), next)).build();
      }
      case "flush" -> {
        if (handle.isEmpty()) {
          throw JaisException.invalid("flush of " + bucket.uri() + "/" + name + ": append_handle is required");
        }
        yield ObjectHeaders.attributes(Response.builder(200), objects.flush(bucket, name, handle, Caller.USER)).build();
      }
      default -> throw JaisException.invalid("invalid append_type \"" + appendType + "\" (expected: append or flush)");
    };
  }

  /** DELETE removes the object here and every copy other targets hold (the service's doing). */
  public Response delete(Request request) throws Exception {
    requireRedirected(request);
    Bucket bucket = BucketParams.of(request);
    if (request.query(NativeMultipart.UPLOAD_ID) != null) {
      return multipart.abort(request, bucket, objectName(request, bucket)); // mpt-abort
    }
    objects.delete(bucket, objectName(request, bucket), Caller.USER);
    return Response.ok();
  }

  /**
   * PATCH: merge (or with {@code set-new-custom=true} replace) custom metadata
   * (docs/native-api.md#objects).
   */
  public Response patch(Request request) throws Exception {
    requireRedirected(request);
    Bucket bucket = BucketParams.of(request);
    String name = objectName(request, bucket);
    ActMsg msg = request.bodyJson(ActMsg.class);
    if (msg == null || !msg.value().isObject()) {
      throw JaisException.invalid("set custom metadata of " + bucket.uri() + "/" + name
          + ": value must be a JSON object of string keys and values");
    }
    Map<String, String> custom = new LinkedHashMap<>();
    msg.value().properties().forEach(e -> custom.put(e.getKey(), e.getValue().asText()));
    objects.setCustom(bucket, name, custom, request.queryBool(QueryParam.SET_NEW_CUSTOM, false), Caller.USER);
    return Response.ok();
  }

  /** {@code POST /v1/objects/{bucket}/{object}}: object actions (multipart, check-lock, ...). */
  public Response post(Request request) throws Exception {
    ActMsg msg = request.bodyJson(ActMsg.class);
    String action = msg == null ? "" : msg.action();
    if (action.equals(Action.MPT_UPLOAD) || action.equals(Action.MPT_COMPLETE)) {
      requireRedirected(request);
      Bucket bucket = BucketParams.of(request);
      String name = objectName(request, bucket);
      return action.equals(Action.MPT_UPLOAD) ? multipart.create(bucket, name)
          : multipart.complete(request, bucket, name, msg);
    }
    if (action.equals(Action.RENAME_OBJECT)) {
      requireRedirected(request);
      Bucket bucket = BucketParams.of(request);
      return rename(bucket, objectName(request, bucket), msg.name());
    }
    if (Action.NOT_YET_IMPLEMENTED.contains(action)) {
      throw new JaisException(ErrorCode.NOT_IMPLEMENTED, "object action \"" + action + "\" is not implemented in JAIS yet");
    }
    throw new JaisException(ErrorCode.UNKNOWN_ACTION, "invalid object action \"" + action + "\"");
  }

  /**
   * {@code rename-obj} (AIS): the object gets the new name in the same bucket (copied to the new
   * name's owner, then the old name deleted everywhere); an object already at the new name is
   * replaced. A failed copy leaves the old name as it was; a write to the old name racing the
   * rename is kept there ({@link ObjectService#rename}), and the rename still answers 200.
   */
  private Response rename(Bucket bucket, String name, String newName) throws Exception {
    if (newName.isEmpty()) {
      throw JaisException.invalid("rename-obj " + bucket.uri() + "/" + name + ": missing new name (\"name\")");
    }
    ObjectName.validate(bucket, newName);
    if (newName.equals(name)) {
      throw JaisException.invalid("cannot rename " + bucket.uri() + "/" + name + " to self, nothing to do");
    }
    objects.rename(bucket, name, newName, Caller.USER);
    return Response.ok();
  }

  private static void refuseNotYetImplemented(Request request, List<String> params) {
    for (String param : params) {
      if (request.query(param) != null) {
        throw new JaisException(ErrorCode.NOT_IMPLEMENTED, "query parameter " + param + " (" + request.method() + " "
            + request.path() + ") is not implemented in JAIS yet");
      }
    }
  }

  private static String objectName(Request request, Bucket bucket) {
    String name = request.pathParam("object");
    ObjectName.validate(bucket, name);
    return name;
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
