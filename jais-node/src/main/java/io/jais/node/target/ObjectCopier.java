package io.jais.node.target;

import io.jais.api.ApiPath;
import io.jais.api.QueryParam;
import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.ObjectUname;
import io.jais.api.cluster.Snode;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.node.cluster.ClusterState;
import io.jais.node.cluster.IntraClient;
import io.jais.node.storage.ObjectName;
import io.jais.node.storage.ObjectStore;
import io.jais.node.storage.OpenedObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Copies one object to another name or bucket (spec §7.8). The destination may belong to another
 * target by HRW: then the bytes are streamed there as a PUT from this target.
 */
public final class ObjectCopier {
  private final ClusterState state;
  private final ObjectStore store;
  private final IntraClient intra;

  public ObjectCopier(ClusterState state, ObjectStore store, IntraClient intra) {
    this.state = state;
    this.store = store;
    this.intra = intra;
  }

  public void copy(Bucket source, String sourceName, String objectTo) throws Exception {
    ObjectUname destination = ObjectUname.parse(objectTo);
    copy(source, sourceName, destination.bucket().validate(), destination.object());
  }

  /**
   * Copies an object of this target to {@code dstBucket/dstName}, here or on the destination's
   * owner.
   *
   * @return true when the bytes went to another target
   */
  public boolean copy(Bucket source, String sourceName, Bucket dstBucket, String dstName) throws Exception {
    if (!state.bmd().contains(dstBucket)) {
      throw JaisException.noSuchBucket(dstBucket);
    }
    ObjectName.validate(dstBucket, dstName);
    Snode owner = state.smap().owner(dstBucket, dstName);
    if (owner == null || owner.id().equals(state.self().id())) {
      store.copy(source, sourceName, dstBucket, dstName);
      return false;
    }
    // TODO(streams): a target-to-target object stream replaces this one PUT per object
    sendTo(owner, source, sourceName, dstBucket, dstName);
    return true;
  }

  private void sendTo(Snode owner, Bucket source, String sourceName, Bucket dstBucket, String dstName) throws Exception {
    try (OpenedObject object = store.open(source, sourceName, false)) {
      long size = object.meta().size();
      URI uri = URI.create(owner.url() + ApiPath.OBJECTS + "/" + dstBucket.name() + "/" + encodePath(dstName)
          + "?" + QueryParam.PROVIDER + "=" + dstBucket.provider().wireName()
          + "&" + QueryParam.PROXY_ID + "=" + state.self().id());
      HttpRequest.Builder request = HttpRequest.newBuilder(uri)
          .timeout(Duration.ofMinutes(10))
          .PUT(HttpRequest.BodyPublishers.fromPublisher(
              HttpRequest.BodyPublishers.ofInputStream(() -> Channels.newInputStream(object.channel())), size));
      HttpResponse<String> response = intra.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 400) {
        throw new JaisException(ErrorCode.of(response.statusCode(), ""), "copy to " + dstBucket.uri() + "/" + dstName
            + " on " + owner.displayName() + " failed: " + response.body());
      }
    }
  }

  private static String encodePath(String name) {
    StringBuilder sb = new StringBuilder();
    for (String part : name.split("/", -1)) {
      if (!sb.isEmpty()) {
        sb.append('/');
      }
      sb.append(URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return sb.toString();
  }
}
