package io.jais.cli.render;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-line progress bar redrawn in place on standard error ({@code \r}, no terminal library):
 * bytes and files done out of the total, and the rate. Workers report with {@link #advance} and
 * {@link #fileDone} from any thread; one daemon thread redraws five times a second, so the cost
 * per reported chunk is an atomic add. A disabled bar ({@link #off()}) draws nothing.
 *
 * <p>We draw it ourselves rather than use {@code me.tongfei:progressbar}: that library brings
 * JLine (≈1 MB, terminal probing at start-up), which would cost more start-up time than the
 * sixty lines here.
 */
public final class Progress implements AutoCloseable {
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final String label;
  private final long totalBytes;
  private final int totalFiles;
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicInteger files = new AtomicInteger();
  private final long startNanos = System.nanoTime();
  private final Thread painter;

  private Progress(PrintWriter err, String label, long totalBytes, int totalFiles) {
    this.err = err;
    this.label = label;
    this.totalBytes = totalBytes;
    this.totalFiles = totalFiles;
    this.painter = err == null ? null : Thread.ofPlatform().daemon().name("jais-progress").start(this::paintLoop);
  }

  /** A bar on {@code err} for this many bytes in this many files. */
  public static Progress start(PrintWriter err, String label, long totalBytes, int totalFiles) {
    return new Progress(err, label, totalBytes, totalFiles);
  }

  /** A bar that counts but never draws. */
  public static Progress off() {
    return new Progress(null, "", 0, 0);
  }

  public void advance(long count) {
    bytes.addAndGet(count);
  }

  public void fileDone() {
    files.incrementAndGet();
  }

  private void paintLoop() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        paint();
        Thread.sleep(200);
      }
    } catch (InterruptedException e) {
      // closed: the final paint happens in close()
    }
  }

  private synchronized void paint() {
    long done = bytes.get();
    double fraction = totalBytes > 0 ? Math.min(1, (double) done / totalBytes)
        : totalFiles > 0 ? (double) files.get() / totalFiles : 0;
    int filled = (int) Math.round(fraction * WIDTH);
    double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
    String line = String.format(java.util.Locale.ROOT, "%s [%s%s] %3d%%  %s/%s  %d/%d files  %s/s",
        label, "=".repeat(filled), " ".repeat(WIDTH - filled), Math.round(fraction * 100),
        Sizes.format(done), Sizes.format(totalBytes), files.get(), totalFiles, Sizes.format((long) (done / seconds)));
    err.print("\r" + line + "\u001b[K");  // erase what a longer previous line left
    err.flush();
  }

  /** Time since the bar started. */
  public Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  @Override
  public void close() {
    if (painter != null) {
      painter.interrupt();
      try {
        painter.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      paint();
      err.println();
    }
  }
}
