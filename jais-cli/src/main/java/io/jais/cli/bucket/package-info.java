/**
 * Buckets: create, remove, list (buckets and their objects), properties and summaries
 * ({@code jais bucket ...} and the {@code jais ls} shortcut).
 */
package io.jais.cli.bucket;
