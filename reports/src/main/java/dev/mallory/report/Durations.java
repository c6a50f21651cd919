package dev.mallory.report;

import java.time.Duration;

/** Durations the way people read them on a terminal and in the report header. */
final class Durations {
  private Durations() {}

  /** {@code 00:07}, {@code 12:34}, {@code 1:02:03}. */
  static String clock(Duration d) {
    long s = d == null ? 0 : Math.max(0, d.getSeconds());
    long h = s / 3600;
    long m = (s % 3600) / 60;
    long sec = s % 60;
    return h > 0 ? String.format("%d:%02d:%02d", h, m, sec) : String.format("%02d:%02d", m, sec);
  }

  /** Seconds with millisecond precision, as JUnit XML wants them: {@code 0.123}. */
  static String seconds(Duration d) {
    long ms = d == null ? 0 : Math.max(0, d.toMillis());
    return String.format(java.util.Locale.ROOT, "%d.%03d", ms / 1000, ms % 1000);
  }
}
