package io.jais.node.job.kind;

import io.jais.api.bucket.Bucket;
import io.jais.node.cluster.ClusterState;
import io.jais.node.cluster.IntraClient;
import io.jais.node.storage.ObjectStore;
import io.jais.node.target.ObjectCopier;
import java.util.function.Predicate;

/**
 * What the kinds of a target use: its cluster view, its store, intra-cluster calls and the
 * cross-target copy. Kept narrow on purpose: the store access of every kind goes through
 * {@link ObjectStore} (objects) and {@link ObjectStore#maintenance()} (files), so that a move of
 * object access behind another service is a mechanical change here.
 *
 * @param internalBucket buckets in no BMD that the node still uses (e.g. an S3 upload's parts); a
 *     cleanup leaves them alone
 */
public record TargetServices(ClusterState state, ObjectStore store, IntraClient intra, ObjectCopier copier,
    Predicate<Bucket> internalBucket) {}
