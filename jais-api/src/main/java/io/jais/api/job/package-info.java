/**
 * Wire records of jobs (AIS xactions): the arguments that name a job ({@link io.jais.api.job.JobArgs},
 * {@link io.jais.api.job.JobQuery}), its cluster-wide status ({@link io.jais.api.job.JobStatus}) and
 * per-target snapshots ({@link io.jais.api.job.JobSnapshot}), the table of kinds
 * ({@link io.jais.api.job.JobKind}), job IDs, and the values of the multi-object actions
 * ({@code delete-listrange}, {@code copy-listrange}) with their object selection (list, range
 * template, prefix). Shared by nodes and clients; no HTTP.
 */
package io.jais.api.job;
