package io.jais.node.target;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.http.BucketParams;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import io.jais.node.objects.Caller;
import io.jais.node.objects.ObjectRead;
import io.jais.node.objects.ObjectService;
import io.jais.node.objects.WireMeta;
import io.jais.node.storage.ObjectMeta;
import io.jais.node.storage.ObjectName;

/**
 * The routes other targets reach this target's objects by ({@code /v1/internal/objects/...}):
 * HEAD and GET answer from this target's own disks with the object's whole metadata in {@value
 * WireMeta#HEADER}; DELETE removes the local copy (only if it is still the write named by that
 * header, when sent); PUT stores a copy another target sends. Every call is a {@link Caller.Peer}
 * naming the sender, so the service never asks further.
 */
public final class PeerObjectHandler {
  private final ObjectService objects;

  public PeerObjectHandler(ObjectService objects) {
    this.objects = objects;
  }

  public Response head(Request request) throws Exception {
    Bucket bucket = BucketParams.of(request);
    String name = objectName(request, bucket);
    ObjectMeta meta = objects.head(bucket, name, caller(request));
    return Response.builder(200).header(WireMeta.HEADER, WireMeta.encode(meta))
        .header("Content-Length", Long.toString(meta.size())).build();
  }

  public Response get(Request request) throws Exception {
    Bucket bucket = BucketParams.of(request);
    String name = objectName(request, bucket);
    ObjectRead object = objects.get(bucket, name, caller(request));
    Response.Builder response;
    try {
      response = Response.builder(200).header(WireMeta.HEADER, WireMeta.encode(object.meta()));
    } catch (RuntimeException e) {
      object.close();
      throw e;
    }
    long size = object.meta().size();
    if (object.shared() == null) {
      return response.file(object.channel(), 0, size).build();
    }
    return response.sharedFile(object.channel(), 0, size, object.shared()::release).build();
  }

  /** 200 deleted; 412 when a condition was sent and a different write is in place (kept). */
  public Response delete(Request request) throws Exception {
    Bucket bucket = BucketParams.of(request);
    String name = objectName(request, bucket);
    String condition = request.header(WireMeta.HEADER);
    if (condition == null) {
      objects.delete(bucket, name, caller(request));
      return Response.ok();
    }
    if (!objects.deleteIfSame(bucket, name, WireMeta.decode(condition), caller(request))) {
      throw new JaisException(ErrorCode.PRECONDITION_FAILED, bucket.uri() + "/" + name
          + " was written again since it was copied; not deleted");
    }
    return Response.ok();
  }

  /** A copy sent by another target: the source's metadata in the header, the bytes in the body. */
  public Response put(Request request) throws Exception {
    Bucket bucket = BucketParams.of(request);
    String name = objectName(request, bucket);
    ObjectMeta source = WireMeta.decode(request.header(WireMeta.HEADER));
    ObjectMeta stored = objects.receiveCopy(bucket, name, request.body(), source, caller(request));
    return Response.builder(200).header(WireMeta.HEADER, WireMeta.encode(stored)).build();
  }

  /** The sending node, from its verified intra-cluster credentials (the route table requires them). */
  private static Caller caller(Request request) {
    return Caller.peer(request.requireIntraCaller());
  }

  private static String objectName(Request request, Bucket bucket) {
    String name = request.pathParam("object");
    ObjectName.validate(bucket, name);
    return name;
  }
}
