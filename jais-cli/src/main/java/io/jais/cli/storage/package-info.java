/** {@code jais storage ...} (AIS {@code ais storage}): a target's mountpaths and bucket mirroring. */
package io.jais.cli.storage;
