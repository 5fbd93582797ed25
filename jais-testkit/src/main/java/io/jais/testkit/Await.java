package io.jais.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds: the testkit's replacement for sleeps. */
public final class Await {
  private Await() {}

  /**
   * Returns as soon as {@code condition} is true.
   *
   * @throws AssertionError naming {@code what} when it is still false after {@code timeout}
   */
  public static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      Thread.sleep(10);
    }
  }
}
