package io.jais.node.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the I/O counters of a target's disks every interval and keeps the rates of the last one
 * (AIS computes its disk metrics the same way, over {@code periodic.stats_time}): rates over a
 * fixed interval, not since the last scrape, so any number of scrapers see the same values.
 *
 * <p>Implementation notes: one virtual thread samples; {@link #rates()} hands readers an immutable
 * map through a volatile field, so a scrape never waits for a sample. Until the first interval has
 * passed there are no rates (not zeros): the gauges are simply absent.
 */
final class DiskSampler implements AutoCloseable {
  static final Path DISKSTATS = Path.of("/proc/diskstats");
  private static final Logger LOG = LoggerFactory.getLogger(DiskSampler.class);

  private final List<String> disks;
  private final Supplier<String> source;
  private final LongSupplier nanoClock;
  private Map<String, DiskCounters> last = Map.of();
  private long lastNanos;
  private volatile Map<String, DiskRates> rates = Map.of();
  private Thread thread;

  /**
   * @param disks the devices to follow (names as in {@code /proc/diskstats})
   * @param source reads the {@code /proc/diskstats} text; empty when there is none
   */
  DiskSampler(List<String> disks, Supplier<String> source, LongSupplier nanoClock) {
    this.disks = List.copyOf(disks);
    this.source = source;
    this.nanoClock = nanoClock;
  }

  /** The text of {@code /proc/diskstats}, or empty off Linux. */
  static String readDiskstats() {
    try {
      return Files.readString(DISKSTATS);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /** Takes one sample; the rates since the previous one replace the last rates. */
  synchronized void sample() {
    long now = nanoClock.getAsLong();
    Map<String, DiskCounters> all = DiskCounters.parse(source.get());
    Map<String, DiskCounters> current = new LinkedHashMap<>();
    Map<String, DiskRates> next = new LinkedHashMap<>();
    for (String disk : disks) {
      DiskCounters counters = all.get(disk);
      if (counters == null) {
        continue;
      }
      current.put(disk, counters);
      DiskCounters before = last.get(disk);
      DiskRates r = before == null ? null : counters.since(before, now - lastNanos);
      if (r != null) {
        next.put(disk, r);
      }
    }
    last = current;
    lastNanos = now;
    rates = Map.copyOf(next);
  }

  /** The rates over the last complete interval, by disk; empty before the first one. */
  Map<String, DiskRates> rates() {
    return rates;
  }

  /** Samples now and then every {@code interval} on a virtual thread, until closed. */
  synchronized void start(Duration interval) {
    if (disks.isEmpty() || thread != null) {
      return;
    }
    sample();
    thread = Thread.ofVirtual().name("disk-sampler").start(() -> {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          Thread.sleep(interval);
          sample();
        }
      } catch (InterruptedException e) {
        // closed
      } catch (RuntimeException e) {
        LOG.warn("disk sampling stopped: {}", e.toString());
      }
    });
  }

  @Override
  public synchronized void close() {
    if (thread != null) {
      thread.interrupt();
    }
  }
}
