/**
 * Wire records of jobs (AIS xactions, spec §11): the arguments that name a job, its status and
 * per-target snapshots. Records only; depends on nothing but the bucket records and Jackson.
 */
package io.jais.api.job;
