/**
 * Mirroring within a target (AIS {@code mirror}): N copies of each object of a bucket with
 * {@code mirror.enabled} on different mountpaths, made after each commit through a bounded burst
 * buffer, kept in step by the store (an overwrite or delete removes the old copies under the
 * object's lock), added or dropped by the {@code make-n-copies} job; and self-healing: a GET or a
 * scrub that finds an object missing or corrupted repairs it from a copy, a failing mountpath is
 * detected and disabled (AIS FSHC) and the objects it held are restored from their copies.
 */
package io.jais.node.mirror;
