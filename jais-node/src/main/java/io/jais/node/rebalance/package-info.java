/**
 * Moving objects to where placement puts them: global rebalance (objects whose HRW owner among
 * the targets changed move to the new owner over the target-to-target streams, driven by the
 * rebalance metadata the primary versions and metasyncs) and resilver (objects whose HRW
 * mountpath within one target changed move there).
 */
package io.jais.node.rebalance;
