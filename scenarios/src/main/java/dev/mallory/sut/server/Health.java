package dev.mallory.sut.server;

import dev.mallory.external.LoopbackHttp;
import java.net.URI;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling a server's health path until it answers 200. */
final class Health {
  private Health() {}

  static boolean ok(URI base) {
    return LoopbackHttp.isOk(URI.create(base + ServerUnderTest.HEALTH_PATH));
  }

  /**
   * Polls until healthy; fails early when {@code alive} turns false.
   *
   * @throws ServerStartException with {@code what} and {@code logs} on timeout or death
   */
  static Duration await(URI base, Duration timeout, BooleanSupplier alive, String what, java.util.function.Supplier<String> logs) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    long pause = 5;
    while (true) {
      if (ok(base)) {
        return Duration.ofNanos(System.nanoTime() - start);
      }
      if (!alive.getAsBoolean()) {
        throw new ServerStartException(what + " exited before " + base + ServerUnderTest.HEALTH_PATH + " answered 200\n" + logs.get());
      }
      if (System.nanoTime() > deadline) {
        throw new ServerStartException(what + ": " + base + ServerUnderTest.HEALTH_PATH + " did not answer 200 within " + timeout.toSeconds() + " s\n" + logs.get());
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ServerStartException(what + ": interrupted while waiting for health");
      }
      pause = Math.min(pause * 2, 100);
    }
  }
}
