/**
 * Get-batch (AIS "moss", {@code GET /v1/ml/moss}): the proxy's redirect to an assembling target
 * ({@link io.jais.node.getbatch.GetBatchRedirect}), the target's handler and its per-bucket
 * {@code get-batch} jobs, and the assembly of entries in request order into one archive.
 */
package io.jais.node.getbatch;
