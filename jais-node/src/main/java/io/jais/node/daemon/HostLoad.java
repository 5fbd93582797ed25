package io.jais.node.daemon;

import com.sun.management.OperatingSystemMXBean;
import io.jais.api.node.LoadAverage;
import io.jais.api.node.MemCpuInfo;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * This node's memory and CPU as AIS reports them ({@code apc.MemCPUInfo}): the process's resident
 * memory and the host's available memory (from {@code /proc} on Linux, else from the JVM's view
 * of the host), CPU use and the load average.
 */
final class HostLoad {
  private static final Path MEMINFO = Path.of("/proc/meminfo");
  private static final Path SELF_STATUS = Path.of("/proc/self/status");
  private static final Path LOADAVG = Path.of("/proc/loadavg");

  private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  MemCpuInfo read() {
    long total = os.getTotalMemorySize();
    long available = kibibytes(MEMINFO, "MemAvailable:").orElse(os.getFreeMemorySize());
    Runtime runtime = Runtime.getRuntime();
    long resident = kibibytes(SELF_STATUS, "VmRSS:").orElse(runtime.totalMemory() - runtime.freeMemory());
    double pctMem = total <= 0 ? 0 : resident * 100.0 / total;
    double hostCpu = Math.max(0, os.getCpuLoad()) * 100;
    double processCpu = Math.max(0, os.getProcessCpuLoad()) * 100;
    return new MemCpuInfo(resident, available, pctMem, processCpu, loadAverage(), Math.round(hostCpu));
  }

  private LoadAverage loadAverage() {
    try {
      String[] fields = Files.readString(LOADAVG).strip().split("\\s+");
      return new LoadAverage(Double.parseDouble(fields[0]), Double.parseDouble(fields[1]), Double.parseDouble(fields[2]));
    } catch (IOException | RuntimeException e) {
      return new LoadAverage(Math.max(0, os.getSystemLoadAverage()), 0, 0); // only the 1-minute figure
    }
  }

  /** A {@code "Key:   1234 kB"} line of a /proc file, in bytes; empty off Linux. */
  private static OptionalLong kibibytes(Path file, String key) {
    try {
      List<String> lines = Files.readAllLines(file);
      for (String line : lines) {
        if (line.startsWith(key)) {
          return OptionalLong.of(Long.parseLong(line.substring(key.length()).strip().split("\\s+")[0]) * 1024);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or /proc is not mounted: the caller falls back to what the JVM knows
    }
    return OptionalLong.empty();
  }
}
