package io.jais.node.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One block device's cumulative I/O counters from a line of {@code /proc/diskstats}: reads and
 * writes completed, bytes read and written (512-byte sectors, whatever the device's own sector
 * size), and the milliseconds the device had I/O in flight ({@code io_ticks}, what {@code iostat}
 * turns into {@code %util}).
 */
record DiskCounters(int major, int minor, String name, long reads, long readBytes, long writes, long writeBytes,
    long ioMillis) {
  private static final int SECTOR = 512;

  /**
   * Every device of a {@code /proc/diskstats} text by name, in file order; lines that do not parse
   * (another kernel's format) are skipped.
   */
  static Map<String, DiskCounters> parse(String diskstats) {
    Map<String, DiskCounters> devices = new LinkedHashMap<>();
    for (String line : diskstats.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 14) {
        continue;
      }
      try {
        DiskCounters d = new DiskCounters(Integer.parseInt(f[0]), Integer.parseInt(f[1]), f[2],
            Long.parseLong(f[3]), Long.parseLong(f[5]) * SECTOR, Long.parseLong(f[7]), Long.parseLong(f[9]) * SECTOR,
            Long.parseLong(f[12]));
        devices.put(d.name(), d);
      } catch (NumberFormatException e) {
        // not a device line of the format we know: skip it
      }
    }
    return devices;
  }

  /**
   * The rates between an earlier sample of the same device and this one, {@code elapsedNanos}
   * apart; null when no time passed or the counters went back (the device was re-attached).
   */
  DiskRates since(DiskCounters earlier, long elapsedNanos) {
    long dReads = reads - earlier.reads;
    long dReadBytes = readBytes - earlier.readBytes;
    long dWrites = writes - earlier.writes;
    long dWriteBytes = writeBytes - earlier.writeBytes;
    long dIo = ioMillis - earlier.ioMillis;
    if (elapsedNanos <= 0 || dReads < 0 || dReadBytes < 0 || dWrites < 0 || dWriteBytes < 0 || dIo < 0) {
      return null;
    }
    double seconds = elapsedNanos / 1e9;
    long util = Math.min(100, Math.round(dIo * 100.0 / (elapsedNanos / 1e6)));
    return new DiskRates(Math.round(dReadBytes / seconds), dReads == 0 ? 0 : dReadBytes / dReads,
        Math.round(dWriteBytes / seconds), dWrites == 0 ? 0 : dWriteBytes / dWrites, util);
  }
}
