package io.jais.node.job.kind;

import io.jais.api.bucket.Bucket;
import io.jais.node.cluster.ClusterState;
import io.jais.node.cluster.IntraClient;
import io.jais.node.objects.ObjectService;
import io.jais.node.storage.ObjectStore;
import java.util.function.Predicate;

/**
 * What the kinds of a target use: its cluster view, its objects, its store's files and
 * intra-cluster calls. Objects are read, written, copied and deleted through the
 * {@link ObjectService} (as every front door does: hooks, callers, copies to other targets);
 * the {@link ObjectStore} is for what walks the disks: listing, capacity and
 * {@link ObjectStore#maintenance()} (cleanup, scrub, LRU).
 *
 * @param internalBucket buckets in no BMD that the node still uses (e.g. an S3 upload's parts); a
 *     cleanup leaves them alone
 */
public record TargetServices(ClusterState state, ObjectStore store, ObjectService objects, IntraClient intra,
    Predicate<Bucket> internalBucket) {}
