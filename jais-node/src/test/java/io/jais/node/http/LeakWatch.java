package io.jais.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Paranoid Netty leak detection for tests: every buffer is tracked, and a buffer that is collected
 * unreleased is logged by {@link ResourceLeakDetector}, which this captures.
 */
public final class LeakWatch {
  private static final ListAppender<ILoggingEvent> LEAKS = new ListAppender<>();

  static {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO); // no logback-test.xml in this module yet: keep Netty's debug quiet
    Logger detector = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
    LEAKS.start();
    detector.addAppender(LEAKS);
  }

  private LeakWatch() {}

  /** Turns paranoid detection on; call before the first buffer of a test class is allocated. */
  public static void install() {
    // the static initializer did the work
  }

  /** Forces collection and asks the detectors to report; fails on any leak logged so far. */
  public static void assertNoLeaks() {
    for (int i = 0; i < 5; i++) {
      System.gc();
      System.runFinalization();
      // leak reports are emitted when the next buffer is tracked
      ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(16);
      pooled.release();
      ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.heapBuffer(16);
      unpooled.release();
    }
    List<String> leaks =
        LEAKS.list.stream()
            .filter(e -> e.getFormattedMessage().contains("LEAK"))
            .map(ILoggingEvent::getFormattedMessage)
            .toList();
    LEAKS.list.clear(); // one report fails one check, not every later one
    assertThat(leaks).as("Netty buffer leaks").isEmpty();
  }
}
