package io.jais.node.s3;

import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Snode;
import io.jais.node.cluster.ClusterState;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.w3c.dom.Element;

/**
 * ListMultipartUploads: each target reports the uploads it holds; the proxy merges them in key,
 * then upload-ID order and applies prefix and max-uploads.
 */
final class ListUploadsOp {
  private record Upload(String key, String uploadId, String initiated) {}

  private final ClusterState state;
  private final TargetRelay relay;
  private final Request request;
  private final Bucket bucket;

  ListUploadsOp(ClusterState state, TargetRelay relay, Request request, Bucket bucket) {
    this.state = state;
    this.relay = relay;
    this.request = request;
    this.bucket = bucket;
  }

  Response run() throws Exception {
    String prefix = request.query("prefix", "");
    int max = ListObjectsOp.maxKeys(request.query("max-uploads"));
    List<Upload> uploads = new ArrayList<>();
    for (Snode target : state.smap().activeTargets()) {
      uploads.addAll(fetch(target));
    }
    uploads.removeIf(u -> !u.key().startsWith(prefix));
    uploads.sort(Comparator.comparing(Upload::key).thenComparing(Upload::uploadId));
    boolean truncated = uploads.size() > max;
    List<Upload> page = truncated ? uploads.subList(0, max) : uploads;
    XmlWriter xml = new XmlWriter().root("ListMultipartUploadsResult").element("Bucket", bucket.name())
        .element("KeyMarker", "").element("UploadIdMarker", "").element("Prefix", prefix)
        .element("MaxUploads", max).element("IsTruncated", truncated);
    for (Upload upload : page) {
      xml.open("Upload").element("Key", upload.key()).element("UploadId", upload.uploadId())
          .open("Initiator").element("ID", S3BucketHandler.OWNER_ID).element("DisplayName", S3BucketHandler.OWNER_ID)
          .close("Initiator")
          .open("Owner").element("ID", S3BucketHandler.OWNER_ID).element("DisplayName", S3BucketHandler.OWNER_ID)
          .close("Owner")
          .element("StorageClass", "STANDARD").element("Initiated", upload.initiated()).close("Upload");
    }
    return xml.close("ListMultipartUploadsResult").response();
  }

  private List<Upload> fetch(Snode target) throws Exception {
    String url = relay.targetUrl(target, "/s3/" + bucket.name() + "?uploads");
    HttpResponse<byte[]> reply = relay.send(HttpRequest.newBuilder(URI.create(url)).GET(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (reply.statusCode() != 200) {
      throw new S3Exception(S3Error.INTERNAL_ERROR, "target " + target.id() + " answered " + reply.statusCode()
          + " listing uploads");
    }
    List<Upload> uploads = new ArrayList<>();
    for (Element upload : XmlReader.children(XmlReader.parse(reply.body(), "ListMultipartUploadsResult"), "Upload")) {
      uploads.add(new Upload(XmlReader.text(upload, "Key"), XmlReader.text(upload, "UploadId"),
          XmlReader.text(upload, "Initiated")));
    }
    return uploads;
  }
}
