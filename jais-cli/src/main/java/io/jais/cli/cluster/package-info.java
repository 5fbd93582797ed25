/**
 * {@code jais show cluster}: the cluster map with each node's status, memory, capacity and uptime
 * from its {@code node_status}, asked of every node in parallel through the endpoint. Depends on
 * the session and render packages only.
 */
package io.jais.cli.cluster;
