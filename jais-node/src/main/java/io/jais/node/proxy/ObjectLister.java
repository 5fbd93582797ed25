package io.jais.node.proxy;

import io.jais.api.ApiPath;
import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Snode;
import io.jais.api.json.WireJson;
import io.jais.api.msgpack.ListObjectsCodec;
import io.jais.api.object.EntryFlags;
import io.jais.api.object.ListFlags;
import io.jais.api.object.ListObjectsMsg;
import io.jais.api.object.ListObjectsPage;
import io.jais.api.object.ObjectEntry;
import io.jais.node.cluster.ClusterState;
import io.jais.node.cluster.IntraClient;
import io.jais.node.listing.PageMerger;
import io.jais.node.listing.PropsSelection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * List-objects on the proxy: asks every target for its next page in parallel, merges them
 * ({@link PageMerger}), keeps the requested properties and issues the continuation token.
 */
public final class ObjectLister {
  /** Page size when the client asks for 0: the AIS maximum for ais buckets. */
  public static final int DEFAULT_PAGE_SIZE = 10_000;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final ClusterState state;
  private final IntraClient intra;

  public ObjectLister(ClusterState state, IntraClient intra) {
    this.state = state;
    this.intra = intra;
  }

  public ListObjectsPage list(Bucket bucket, ListObjectsMsg request) throws Exception {
    int pageSize = request.pagesize() <= 0 ? DEFAULT_PAGE_SIZE : (int) Math.min(request.pagesize(), DEFAULT_PAGE_SIZE);
    String session = request.uuid().isEmpty() ? UUID.randomUUID().toString().substring(0, 13) : request.uuid();
    ListObjectsMsg perTarget = new ListObjectsMsg(trimWildcard(request.prefix()), pageSize, session, request.props(),
        request.continuationToken(), request.flags(), "", request.startAfter());
    List<List<ObjectEntry>> pages = fetchAll(bucket, perTarget, request.target());
    boolean archives = request.has(ListFlags.ARCH_DIR);
    List<ObjectEntry> merged = archives ? withMembers(PageMerger.merge(pages, Integer.MAX_VALUE), pageSize)
        : PageMerger.merge(pages, pageSize);
    PropsSelection selection = PropsSelection.of(request);
    List<ObjectEntry> entries = new ArrayList<>(merged.size());
    for (ObjectEntry e : merged) {
      entries.add(selection.apply(e));
    }
    String token = archives ? lastObjectIfFull(merged, pageSize)
        : merged.size() == pageSize ? merged.get(merged.size() - 1).name() : "";
    return new ListObjectsPage(session, token, entries, 0);
  }

  private List<List<ObjectEntry>> fetchAll(Bucket bucket, ListObjectsMsg msg, String onlyTarget) throws Exception {
    List<Snode> targets = state.smap().activeTargets().stream()
        .filter(t -> onlyTarget.isEmpty() || t.id().equals(onlyTarget)).toList();
    byte[] body = WireJson.toBytes(msg);
    return TargetFanout.callAll(targets, target -> () -> ListObjectsCodec.decode(
        intra.bytes("POST", IntraClient.bucketUrl(target, ApiPath.TARGET_LIST, bucket), body, "application/json",
            TIMEOUT)).entries());
  }

  /**
   * With {@code ARCH_DIR}: the first {@code pageSize} objects, each shard among them with its
   * members (which the page size does not count: a shard's members come in the page of the shard).
   */
  private static List<ObjectEntry> withMembers(List<ObjectEntry> merged, int pageSize) {
    List<ObjectEntry> page = new ArrayList<>();
    List<String> shards = new ArrayList<>();
    int objects = 0;
    for (ObjectEntry e : merged) {
      if ((e.flags() & EntryFlags.IN_ARCHIVE) == 0) {
        if (objects == pageSize) {
          continue;
        }
        objects++;
        if ((e.flags() & EntryFlags.IS_ARCHIVE) != 0) {
          shards.add(e.name() + "/");
        }
        page.add(e);
      } else if (shards.stream().anyMatch(e.name()::startsWith)) {
        page.add(e);
      }
    }
    return page;
  }

  private static String lastObjectIfFull(List<ObjectEntry> page, int pageSize) {
    List<ObjectEntry> objects = page.stream().filter(e -> (e.flags() & EntryFlags.IN_ARCHIVE) == 0).toList();
    return objects.size() == pageSize ? objects.getLast().name() : "";
  }

  /** AIS trims one trailing {@code *} from the prefix. */
  private static String trimWildcard(String prefix) {
    return prefix.endsWith("*") ? prefix.substring(0, prefix.length() - 1) : prefix;
  }
}
