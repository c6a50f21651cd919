package dev.mallory.steps.world;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The wall clock with every instant's nanosecond odd, for scenario repositories. Notary writes
 * {@code expires} as Go's RFC3339Nano, which drops trailing zeros of the fraction, so with the bare
 * clock two versions of one file differ in length by chance (one in ten per digit), and a replayed
 * older file is then refused as too long or as mismatched by luck. With nine digits always, a
 * file's length is what its content makes it. One nanosecond moves no expiry a scenario can see.
 */
final class NineDigitClock extends Clock {
  private final Clock clock;

  NineDigitClock(Clock clock) {
    this.clock = clock;
  }

  @Override
  public ZoneId getZone() {
    return clock.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new NineDigitClock(clock.withZone(zone));
  }

  @Override
  public Instant instant() {
    Instant t = clock.instant();
    return t.getNano() % 2 == 1 ? t : t.plusNanos(1);
  }
}
