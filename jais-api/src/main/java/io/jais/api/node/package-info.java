/**
 * Wire records of what a node reports about itself (AIS {@code stats.NodeStatus},
 * {@code fs.Tcdf}, {@code apc.MemCPUInfo}, {@code apc.MountpathList}, docs/native-api.md#cluster-and-node):
 * {@code GET /v1/daemon?what=node_status|sysinfo|mountpaths} and their cluster-wide forms. Field
 * names and the Go {@code ,string} encodings follow AIS so that the AIS CLI and SDK read them.
 */
package io.jais.api.node;
