package io.jais.node.mirror;

import io.jais.api.bucket.Bucket;
import io.jais.node.storage.Mountpath;
import io.jais.node.storage.ObjectStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The filesystem health checker (AIS FSHC): tells whether a mountpath still works (its root is
 * a readable, writable directory: a probe file is written, read back and removed) and disables
 * one that does not, then hands it to {@code onDisabled} (which restores its objects from their
 * copies). Checked when a read finds an object's file missing (the disk may be gone), and every
 * {@code interval} in the background, since a lost disk need not be read to be lost.
 *
 * <p>Implementation notes: a healthy answer is remembered for {@value #RECHECK_MILLIS} ms, so a
 * burst of misses on a good mountpath (a client asking for objects that do not exist) costs one
 * probe and then one directory check per request, which still notices a root that vanished. The probe lives at the mountpath's root, never inside a bucket, so
 * no listing or job sees it. Disabling is the store's ({@link ObjectStore#disableMountpath});
 * {@code onDisabled} runs on a thread of its own.
 */
public final class MountpathHealth implements AutoCloseable {
  static final long RECHECK_MILLIS = 1_000;
  private static final String PROBE = ".jais-fshc-probe";
  private static final Logger log = LoggerFactory.getLogger(MountpathHealth.class);

  private final ObjectStore store;
  private final Consumer<Mountpath> onDisabled;
  private final Map<Mountpath, Long> healthyUntil = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer;

  /** @param interval how often every mountpath is checked in the background; zero: never */
  public MountpathHealth(ObjectStore store, Duration interval, Consumer<Mountpath> onDisabled) {
    this.store = store;
    this.onDisabled = onDisabled;
    if (interval.isZero()) {
      timer = null;
    } else {
      timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("fshc").factory());
      timer.scheduleWithFixedDelay(this::checkAll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** Checks every available mountpath; returns how many were disabled. */
  public int checkAll() {
    int disabled = 0;
    for (Mountpath mountpath : store.mountpaths().all()) {
      disabled += check(mountpath, true) ? 0 : 1;
    }
    return disabled;
  }

  /** Checks the mountpath an object lives on (its file was found missing). */
  public boolean checkHome(Bucket bucket, String name) {
    return check(store.mountpathOf(bucket, name), false);
  }

  /**
   * Checks one mountpath (unless it was found healthy a moment ago, or {@code force}) and
   * disables it when it fails.
   *
   * @return true when it is healthy (or not available anyway)
   */
  public boolean check(Mountpath mountpath, boolean force) {
    long now = System.currentTimeMillis();
    Long until = healthyUntil.get(mountpath);
    if (!force && until != null && until > now && Files.isDirectory(mountpath.path(), LinkOption.NOFOLLOW_LINKS)) {
      return true; // passed a full probe a moment ago, and its root is still there
    }
    String problem = probe(mountpath.path());
    if (problem == null) {
      healthyUntil.put(mountpath, now + RECHECK_MILLIS);
      return true;
    }
    healthyUntil.remove(mountpath);
    log.error("mountpath {} failed its health check: {}", mountpath, problem);
    if (store.disableMountpath(mountpath)) {
      Thread.ofVirtual().name("fshc-restore").start(() -> onDisabled.accept(mountpath));
    }
    return false;
  }

  /** Null when the directory works, else what failed. */
  static String probe(Path root) {
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      return root + " is not a directory (removed or unmounted)";
    }
    if (!Files.isReadable(root) || !Files.isWritable(root)) {
      return root + " is not readable and writable";
    }
    Path probe = root.resolve(PROBE + "-" + Thread.currentThread().threadId());
    byte[] bytes = {'o', 'k'};
    try (FileChannel out = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ)) {
      out.write(ByteBuffer.wrap(bytes));
      ByteBuffer back = ByteBuffer.allocate(bytes.length);
      out.read(back, 0);
      if (!java.util.Arrays.equals(back.array(), bytes)) {
        return "probe file in " + root + " reads back wrong";
      }
    } catch (IOException e) {
      if (String.valueOf(e.getMessage()).contains("No space left") || String.valueOf(e.getMessage()).contains("quota")) {
        return null; // a full disk is not a failed one (AIS FSHC does not count out-of-space either)
      }
      return "probe file in " + root + ": " + e;
    } finally {
      try {
        Files.deleteIfExists(probe);
      } catch (IOException e) {
        log.debug("cannot remove {}: {}", probe, e.toString());
      }
    }
    return null;
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
