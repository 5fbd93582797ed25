/** {@code jais storage ...}: the data protection of buckets (AIS {@code ais storage}). */
package io.jais.cli.storage;
