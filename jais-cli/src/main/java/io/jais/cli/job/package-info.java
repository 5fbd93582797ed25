/**
 * Jobs (AIS xactions): {@code jais job ls|show|start|stop|wait} and {@code jais show job}, over
 * the AIS job API (docs/native-api.md#jobs). A cluster without jobs answers 501, which prints as one line.
 */
package io.jais.cli.job;
