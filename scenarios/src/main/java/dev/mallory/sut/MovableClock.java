package dev.mallory.sut;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that runs with its base and can be moved forward: "time passes" for a repository and a
 * client that take their time from it, without waiting (a scenario's virtual time, the reference
 * server's freshness).
 */
public final class MovableClock extends Clock {
  private final Clock base;
  private volatile Duration offset = Duration.ZERO;

  public MovableClock(Clock base) {
    this.base = base;
  }

  /** Moves the clock forward; never back, since nothing the clock stamped may lie in its future. */
  public synchronized void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("a clock is only moved forward, not by " + by);
    }
    offset = offset.plus(by);
  }

  /** How far the clock has been moved ahead of its base. */
  public Duration offset() {
    return offset;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset);
  }
}
