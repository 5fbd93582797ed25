package io.jais.node.ec;

import java.nio.file.Path;

/**
 * A slice (or replica) on this target's disk: its file holds the slice's bytes from offset 0
 * ({@code meta.sliceSize()} of them), then its metadata.
 */
record StoredSlice(Path file, SliceMeta meta) {}
