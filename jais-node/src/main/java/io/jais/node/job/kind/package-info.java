/**
 * The job kinds a target runs, one class each, registered in
 * {@link io.jais.node.job.kind.TargetJobKinds}: {@code lru}, {@code cleanup-store},
 * {@code summary-bck}, {@code scrub}, {@code delete-listrange}, {@code copy-listrange}. Each
 * class's javadoc says what it does and what an abort leaves.
 */
package io.jais.node.job.kind;
