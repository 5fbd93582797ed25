/**
 * Shards (archives): the formats ({@link io.jais.node.archive.ArchiveFormat}: TAR, TGZ, ZIP,
 * TAR.LZ4), streaming readers and writers that never hold a member in memory and turn malformed
 * shards into 400s, shards opened through the object service ({@link io.jais.node.archive.ShardFile}),
 * member listings, entries read wherever they live in the cluster
 * ({@link io.jais.node.archive.ClusterEntries}), and the {@code archive} job.
 */
package io.jais.node.archive;
