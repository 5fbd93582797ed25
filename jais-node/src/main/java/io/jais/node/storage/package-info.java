/**
 * Target-side object storage: mountpaths, on-disk layout (FQNs), object metadata (LOM) in
 * extended attributes, checksums, per-object locks and the {@link io.jais.node.storage.ObjectStore}
 * facade. Plain blocking file I/O; must not depend on HTTP, cluster or feature packages.
 */
package io.jais.node.storage;
