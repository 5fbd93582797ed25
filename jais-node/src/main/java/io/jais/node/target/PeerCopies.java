package io.jais.node.target;

import io.jais.api.cluster.Snode;
import io.jais.node.cluster.ClusterState;
import io.jais.node.cluster.IntraClient;
import io.jais.node.http.Request;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Objects that live on a target other than their HRW owner: after targets join, until a
 * rebalance moves them (DESIGN §5). The owner that lacks an object asks its peers, so reads find
 * it and deletes remove every copy; peers answer such requests from local data only
 * ({@link #LOCAL_ONLY}), which keeps the search one hop deep.
 */
public final class PeerCopies {
  /** Query parameter: answer from this target's own disks, never ask peers. */
  public static final String LOCAL_ONLY = "jais-local";

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final ClusterState state;
  private final IntraClient intra;

  PeerCopies(ClusterState state, IntraClient intra) {
    this.state = state;
    this.intra = intra;
  }

  static boolean isLocalOnly(Request request) {
    return request.query(LOCAL_ONLY) != null;
  }

  /** The URL of the same request on the first peer that holds the object, if any does. */
  Optional<String> find(Request request) throws InterruptedException {
    for (Snode peer : peers()) {
      String url = onPeer(peer, request.rawUri());
      if (send("HEAD", url) == 200) {
        return Optional.of(url);
      }
    }
    return Optional.empty();
  }

  /** Deletes the object on every peer that holds a copy; returns how many did. */
  int deleteEverywhere(Request request) throws InterruptedException {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Integer>> calls = new ArrayList<>();
      for (Snode peer : peers()) {
        calls.add(pool.submit(() -> send("DELETE", onPeer(peer, request.rawUri()))));
      }
      int deleted = 0;
      for (Future<Integer> call : calls) {
        try {
          deleted += call.get() == 200 ? 1 : 0;
        } catch (java.util.concurrent.ExecutionException e) {
          // an unreachable peer holds nothing we can delete now
        }
      }
      return deleted;
    }
  }

  private List<Snode> peers() {
    String self = state.self().id();
    return state.smap().targets().values().stream().filter(t -> !t.id().equals(self)).toList();
  }

  private static String onPeer(Snode peer, String rawUri) {
    return peer.url() + rawUri + (rawUri.indexOf('?') < 0 ? '?' : '&') + LOCAL_ONLY + "=true";
  }

  private int send(String method, String url) throws InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
        .method(method, HttpRequest.BodyPublishers.noBody());
    try {
      return intra.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (java.io.IOException e) {
      return 503;
    }
  }
}
