package io.jais.node.objects;

import io.jais.api.ApiPath;
import io.jais.api.QueryParam;
import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Snode;
import io.jais.api.error.ErrorBody;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.jais.api.json.WireJson;
import io.jais.node.cluster.ClusterState;
import io.jais.node.cluster.IntraClient;
import io.jais.node.storage.ObjectMeta;
import io.jais.node.storage.OpenedObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PeerTargets} over HTTP: the other targets' {@code /v1/internal/objects/...} routes,
 * through the node's {@link IntraClient}. Lookups and deletes go to every other target of the
 * current cluster map at once, each bounded by {@link #ASK_TIMEOUT}: a target that is down or
 * slow costs the caller that long at most, once, and counts as holding nothing.
 *
 * <p>Implementation notes: the timeout of a GET covers the wait for the answer's headers, not the
 * body; a peer that stalls mid-body stalls the pull (its connection breaking ends it). Pulled
 * bytes stream from the response into the store's workfile; nothing is held whole in memory.
 */
final class IntraPeers implements PeerTargets {
  private static final Logger log = LoggerFactory.getLogger(IntraPeers.class);
  /** How long a lookup, a delete, or a pull's first answer may take on one peer. */
  static final Duration ASK_TIMEOUT = Duration.ofSeconds(2);
  /** How long a copy to another target may take, body included. */
  private static final Duration COPY_TIMEOUT = Duration.ofMinutes(10);

  private final ClusterState state;
  private final IntraClient intra;

  IntraPeers(ClusterState state, IntraClient intra) {
    this.state = state;
    this.intra = intra;
  }

  @Override
  public List<PeerCopy> find(Bucket bucket, String name) throws InterruptedException {
    List<PeerCopy> found = new ArrayList<>();
    for (Answer answer : askAll("HEAD", bucket, name)) {
      if (answer.status() == 200) {
        String meta = answer.metaHeader();
        try {
          found.add(new PeerCopy(answer.peer().id(), WireMeta.decode(meta)));
        } catch (JaisException e) {
          log.warn("{} answered a lookup of {}/{} with unreadable metadata: {}", answer.peer().displayName(),
              bucket.uri(), name, e.getMessage());
        }
      }
    }
    return found;
  }

  @Override
  public Optional<ObjectMeta> headOn(String targetId, Bucket bucket, String name) throws InterruptedException {
    Snode peer = state.smap().targets().get(targetId);
    if (peer == null) {
      return Optional.empty();
    }
    Answer answer = ask("HEAD", peer, bucket, name);
    if (answer.status() != 200) {
      return Optional.empty();
    }
    try {
      return Optional.of(WireMeta.decode(answer.metaHeader()));
    } catch (JaisException e) {
      log.warn("{} answered a lookup of {}/{} with unreadable metadata: {}", peer.displayName(), bucket.uri(), name,
          e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public boolean holds(String targetId, Bucket bucket, String name) throws IOException, InterruptedException {
    Snode peer = peer(targetId, bucket, name);
    Answer answer = ask("HEAD", peer, bucket, name);
    return switch (answer.status()) {
      case 200 -> true;
      case 404 -> false;
      default -> throw new IOException(peer.displayName() + " cannot tell whether it holds " + bucket.uri() + "/" + name
          + " (status " + answer.status() + ")");
    };
  }

  @Override
  public <T> T read(PeerCopy copy, Bucket bucket, String name, ReplicaSink<T> sink)
      throws IOException, InterruptedException {
    Snode peer = peer(copy.targetId(), bucket, name);
    HttpRequest.Builder get = HttpRequest.newBuilder(objectUri(peer, bucket, name)).timeout(ASK_TIMEOUT).GET();
    HttpResponse<InputStream> response = intra.send(get, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw peerError(peer, "read", bucket, name, response.statusCode(), body.readAllBytes());
      }
      ObjectMeta meta = WireMeta.decode(response.headers().firstValue(WireMeta.HEADER).orElse(null));
      long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      return sink.accept(meta, new InputStreamSource(body, length));
    }
  }

  @Override
  public boolean deleteIfSame(PeerCopy copy, Bucket bucket, String name) throws IOException, InterruptedException {
    Snode peer = peer(copy.targetId(), bucket, name);
    HttpRequest.Builder delete = HttpRequest.newBuilder(objectUri(peer, bucket, name)).timeout(ASK_TIMEOUT)
        .header(WireMeta.HEADER, WireMeta.encode(copy.meta().withCustom(Map.of()))).DELETE(); // names the write only
    HttpResponse<byte[]> response = intra.send(delete, HttpResponse.BodyHandlers.ofByteArray());
    return switch (response.statusCode()) {
      case 200 -> true;
      case 404, 412 -> false; // gone already, or rewritten meanwhile: not ours to delete
      default -> throw peerError(peer, "delete", bucket, name, response.statusCode(), response.body());
    };
  }

  @Override
  public int deleteEverywhere(Bucket bucket, String name) throws InterruptedException {
    int deleted = 0;
    for (Answer answer : askAll("DELETE", bucket, name)) {
      deleted += answer.status() == 200 ? 1 : 0;
    }
    return deleted;
  }

  @Override
  public ObjectMeta copyTo(String targetId, Bucket bucket, String name, OpenedObject source)
      throws IOException, InterruptedException {
    Snode peer = peer(targetId, bucket, name);
    long size = source.meta().size();
    HttpRequest.BodyPublisher body = size == 0 ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.fromPublisher(
            HttpRequest.BodyPublishers.ofInputStream(() -> Channels.newInputStream(source.channel())), size);
    HttpRequest.Builder put = HttpRequest.newBuilder(objectUri(peer, bucket, name)).timeout(COPY_TIMEOUT)
        .header(WireMeta.HEADER, WireMeta.encode(source.meta())).PUT(body);
    HttpResponse<byte[]> response = intra.send(put, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw peerError(peer, "copy to", bucket, name, response.statusCode(), response.body());
    }
    return WireMeta.decode(response.headers().firstValue(WireMeta.HEADER).orElse(null));
  }

  /** One peer's answer: its status (503 when it could not be reached in time) and metadata header. */
  private record Answer(Snode peer, int status, String metaHeader) {}

  private List<Answer> askAll(String method, Bucket bucket, String name) throws InterruptedException {
    List<Snode> peers = others();
    if (peers.isEmpty()) {
      return List.of();
    }
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Answer>> calls = new ArrayList<>(peers.size());
      for (Snode peer : peers) {
        calls.add(pool.submit(() -> ask(method, peer, bucket, name)));
      }
      List<Answer> answers = new ArrayList<>(peers.size());
      for (Future<Answer> call : calls) {
        try {
          answers.add(call.get());
        } catch (ExecutionException e) {
          log.debug("{} {}/{} on a peer failed: {}", method, bucket.uri(), name, e.getCause().toString());
        }
      }
      return answers;
    }
  }

  private Answer ask(String method, Snode peer, Bucket bucket, String name) throws InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(objectUri(peer, bucket, name)).timeout(ASK_TIMEOUT)
        .method(method, HttpRequest.BodyPublishers.noBody());
    try {
      HttpResponse<Void> response = intra.send(request, HttpResponse.BodyHandlers.discarding());
      return new Answer(peer, response.statusCode(), response.headers().firstValue(WireMeta.HEADER).orElse(null));
    } catch (IOException e) {
      log.debug("{} {}/{} on {}: {}", method, bucket.uri(), name, peer.displayName(), e.toString());
      return new Answer(peer, 503, null);
    }
  }

  private List<Snode> others() {
    String self = state.self().id();
    return state.smap().targets().values().stream().filter(t -> !t.id().equals(self)).toList();
  }

  private Snode peer(String targetId, Bucket bucket, String name) {
    Snode peer = state.smap().targets().get(targetId);
    if (peer == null) {
      throw new JaisException(ErrorCode.UNAVAILABLE, "target " + targetId + " holding " + bucket.uri() + "/" + name
          + " has left the cluster");
    }
    return peer;
  }

  /** {@code <peer>/v1/internal/objects/<bucket>/<name, each segment percent-encoded>?provider=..[&namespace=..]}. */
  static URI objectUri(Snode peer, Bucket bucket, String name) {
    StringBuilder url = new StringBuilder(peer.url()).append(ApiPath.TARGET_OBJECTS).append('/')
        .append(bucket.name());
    for (String segment : name.split("/", -1)) {
      url.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    url.append('?').append(QueryParam.PROVIDER).append('=').append(bucket.provider().wireName());
    if (!bucket.namespace().isGlobal()) {
      url.append('&').append(QueryParam.NAMESPACE).append('=')
          .append(URLEncoder.encode(bucket.namespace().uname(), StandardCharsets.UTF_8));
    }
    return URI.create(url.toString());
  }

  private static JaisException peerError(Snode peer, String what, Bucket bucket, String name, int status, byte[] body) {
    ErrorCode code = ErrorCode.of(status, "");
    String message = new String(body, StandardCharsets.UTF_8);
    try {
      ErrorBody error = WireJson.parse(body, ErrorBody.class);
      code = ErrorCode.of(status, error.tcode());
      message = error.message();
    } catch (JaisException notJson) {
      // a body that is not an AIS error: keep its text
    }
    if (code == ErrorCode.NOT_FOUND) {
      code = ErrorCode.OBJECT_NOT_FOUND;
    }
    return new JaisException(code, what + " " + bucket.uri() + "/" + name + " on " + peer.displayName()
        + " failed: " + message);
  }
}
