/**
 * {@code jais log show|get NODE_ID}: a node's logs through the endpoint ({@code what=log}, relayed
 * by the proxy), as AIS's {@code ais log}. Depends on the session only.
 */
package io.jais.cli.log;
