/** {@code jais storage ...}: a target's mountpaths (AIS {@code ais storage mountpath}). */
package io.jais.cli.storage;
