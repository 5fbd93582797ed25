package io.jais.node.metrics;

/**
 * A disk's activity over one sampling interval, as AIS reports it per disk: read and write
 * bandwidth (bytes per second), average read and write sizes (bytes), and utilization, the percent
 * of the interval the device was busy.
 */
record DiskRates(long readBps, long avgReadSize, long writeBps, long avgWriteSize, long utilPercent) {}
