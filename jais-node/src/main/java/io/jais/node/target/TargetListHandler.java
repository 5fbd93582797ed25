package io.jais.node.target;

import io.jais.api.bucket.Bucket;
import io.jais.api.error.JaisException;
import io.jais.api.msgpack.ListObjectsCodec;
import io.jais.api.object.ListFlags;
import io.jais.api.object.ListObjectsMsg;
import io.jais.api.object.ListObjectsPage;
import io.jais.api.object.ObjectEntry;
import io.jais.node.archive.ArchiveListing;
import io.jais.node.cluster.ClusterState;
import io.jais.node.http.BucketParams;
import io.jais.node.http.Request;
import io.jais.node.http.Response;
import io.jais.node.listing.EntryFormat;
import io.jais.node.listing.PageMerger;
import io.jais.node.listing.PropsSelection;
import io.jais.node.storage.ListEntry;
import io.jais.node.storage.ListQuery;
import io.jais.node.objects.Caller;
import io.jais.node.objects.ObjectService;
import io.jais.node.storage.ObjectStore;
import java.util.List;

/**
 * The target's part of list-objects: one page of its own names after the continuation token,
 * asked for by a proxy that merges all targets' pages. Replies in the msgpack page format. With
 * {@code ARCH_DIR}, each shard of the page is followed by its members ({@link ArchiveListing}).
 */
public final class TargetListHandler {
  private final ClusterState state;
  private final ObjectStore store;
  private final ObjectService objects;

  /** {@code objects} opens shards for listings with {@code ARCH_DIR}. */
  public TargetListHandler(ClusterState state, ObjectStore store, ObjectService objects) {
    this.state = state;
    this.store = store;
    this.objects = objects;
  }

  public Response list(Request request) throws Exception {
    Bucket bucket = BucketParams.of(request);
    if (!state.bmd().contains(bucket)) {
      throw JaisException.noSuchBucket(bucket);
    }
    ListObjectsMsg msg = request.bodyJson(ListObjectsMsg.class);
    if (msg == null) {
      throw JaisException.invalid("list " + bucket.uri() + ": missing list-objects message");
    }
    String after = laterOf(msg.continuationToken(), msg.startAfter());
    int limit = (int) Math.min(Math.max(msg.pagesize(), 1), Integer.MAX_VALUE);
    PropsSelection selected = PropsSelection.of(msg);
    boolean metadata = !selected.nameOnly();
    ListQuery query = new ListQuery(msg.prefix(), after, limit, !msg.has(ListFlags.NO_RECURSION), metadata);
    List<ListEntry> entries = store.list(bucket, query).entries();
    String selfId = state.self().id();
    List<ObjectEntry> page = entries.stream().map(e -> EntryFormat.of(e, selfId, selected)).toList();
    if (msg.has(ListFlags.ARCH_DIR)) {
      page = new java.util.ArrayList<>(ArchiveListing.expand(objects, bucket, page, Caller.localJob("list-" + msg.uuid())));
      page.sort((a, b) -> PageMerger.UTF8_ORDER.compare(a.name(), b.name())); // "s.tar/m" sorts after "s.tar.bak"
    }
    byte[] body = ListObjectsCodec.encode(new ListObjectsPage(msg.uuid(), "", page, 0));
    return Response.builder(200).header("Content-Type", ListObjectsCodec.CONTENT_TYPE).body(body).build();
  }

  private static String laterOf(String a, String b) {
    return PageMerger.UTF8_ORDER.compare(a, b) >= 0 ? a : b;
  }
}
