/**
 * Cluster configuration: {@code jais show config} and {@code jais config cluster KEY=VALUE}.
 * Settings are shown as dotted keys, the same keys {@code set-config} accepts.
 */
package io.jais.cli.config;
