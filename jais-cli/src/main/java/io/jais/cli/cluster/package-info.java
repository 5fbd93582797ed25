/**
 * {@code jais show cluster}: the cluster map with each node's reachability and uptime, asked of
 * every node in parallel. Depends on the session and render packages only.
 */
package io.jais.cli.cluster;
