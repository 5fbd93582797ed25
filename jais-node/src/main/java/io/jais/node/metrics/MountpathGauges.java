package io.jais.node.metrics;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A target's per-mountpath and per-disk gauges: capacity read from the file system at scrape time
 * (a {@code statfs} per mountpath, as {@code what=node_status} does), which disk each mountpath is
 * on, and the disks' activity from the {@link DiskSampler}.
 */
final class MountpathGauges {
  private static final Logger LOG = LoggerFactory.getLogger(MountpathGauges.class);

  /** One {@code disk.<name>.<metric>} gauge of AIS: its suffix, Prometheus name, help and value. */
  record DiskGauge(String suffix, String name, String help, ToLongFunction<DiskRates> value) {}

  static final List<DiskGauge> DISK_GAUGES = List.of(
      new DiskGauge("read.bps", "disk_read_bps", "read bandwidth (B/s)", DiskRates::readBps),
      new DiskGauge("avg.rsize", "disk_avg_rsize", "average read size (bytes)", DiskRates::avgReadSize),
      new DiskGauge("write.bps", "disk_write_bps", "write bandwidth (B/s)", DiskRates::writeBps),
      new DiskGauge("avg.wsize", "disk_avg_wsize", "average write size (bytes)", DiskRates::avgWriteSize),
      new DiskGauge("util", "disk_util", "disk utilization (%), the share of the last sampling interval the "
          + "disk was busy", DiskRates::utilPercent));

  private MountpathGauges() {}

  /** Registers the gauges of {@code mountpaths} on {@code disks} sampled by {@code sampler}. */
  static void register(PrometheusRegistry registry, Labels node, List<Path> mountpaths, MountpathDisks disks,
      DiskSampler sampler) {
    for (Path mountpath : mountpaths) {
      if (disks.diskOf(mountpath).isEmpty()) {
        LOG.debug("mountpath {}: no block device found for its file system (tmpfs, overlay, ...); its disk "
            + "utilization is unknown: ais_target_mountpath_disk{disk=\"\"} 0", mountpath);
      }
    }
    capacity(registry, node, mountpaths, "capacity_used", "used space of the mountpath's file system (bytes)",
        Usage::used);
    capacity(registry, node, mountpaths, "capacity_avail", "space available to the target on the mountpath's "
        + "file system (bytes)", Usage::available);
    capacity(registry, node, mountpaths, "capacity_total", "size of the mountpath's file system (bytes)",
        Usage::total);
    capacity(registry, node, mountpaths, "capacity_pct_used", "used space in percent of used + available, "
        + "rounded up (as df)", Usage::percentUsed);
    GaugeWithCallback.builder().name("ais_target_mountpath_disk").constLabels(node)
        .help("1 for each mountpath and the disk it is on; 0 with disk=\"\" when the disk is unknown")
        .labelNames("mountpath", "disk")
        .callback(cb -> disks.all().forEach((mp, disk) -> cb.call(disk.isPresent() ? 1 : 0, mp.toString(),
            disk.orElse(""))))
        .register(registry);
    for (DiskGauge gauge : DISK_GAUGES) {
      GaugeWithCallback.builder().name("ais_target_" + gauge.name()).constLabels(node).help(gauge.help())
          .labelNames("disk")
          .callback(cb -> sampler.rates().forEach((disk, rates) -> cb.call(gauge.value().applyAsLong(rates), disk)))
          .register(registry);
    }
  }

  private static void capacity(PrometheusRegistry registry, Labels node, List<Path> mountpaths, String name,
      String help, ToLongFunction<Usage> value) {
    GaugeWithCallback.builder().name("ais_target_" + name).constLabels(node).help(help).labelNames("mountpath")
        .callback(cb -> {
          for (Path mp : mountpaths) {
            usage(mp).ifPresent(fs -> cb.call(value.applyAsLong(fs), mp.toString()));
          }
        })
        .register(registry);
  }

  /** The file system usage under a mountpath, empty when it cannot be read (the gauge then has no point). */
  static Optional<Usage> usage(Path mountpath) {
    try {
      FileStore store = Files.getFileStore(mountpath);
      long total = store.getTotalSpace();
      return Optional.of(new Usage(total, total - store.getUnallocatedSpace(), store.getUsableSpace()));
    } catch (IOException e) {
      LOG.debug("mountpath {}: cannot read its file system usage: {}", mountpath, e.toString());
      return Optional.empty();
    }
  }

  /** File system usage: size, used and available (to non-root) bytes. */
  record Usage(long total, long used, long available) {
    /** As {@code df}: used over used + available, rounded up. */
    long percentUsed() {
      long usable = used + available;
      return usable <= 0 ? 0 : (long) Math.ceil(used * 100.0 / usable);
    }
  }

  /** The per-disk gauges in AIS's node_status form: {@code disk.<name>.util} and the like. */
  static void track(DiskSampler sampler, BiConsumer<String, Long> into) {
    for (Map.Entry<String, DiskRates> entry : sampler.rates().entrySet()) {
      for (DiskGauge gauge : DISK_GAUGES) {
        into.accept("disk." + entry.getKey() + "." + gauge.suffix(), gauge.value().applyAsLong(entry.getValue()));
      }
    }
  }
}
