package dev.mallory.shim.sigstore;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a fake "now" into a fixed {@link Clock} for sigstore-java's Updater.
 *
 * <p>The JVM does not read time through the libc calls libfaketime intercepts reliably (and the
 * launcher strips libfaketime from the JVM anyway), so the FAKETIME value is interpreted here.
 * Accepted forms:
 *
 * <ul>
 *   <li>{@code +N} / {@code -N} with an optional unit {@code s m h d y}: an offset from the real
 *       now. This is what Debian's {@code faketime "<date>" cmd} wrapper exports (it converts the
 *       date to seconds from now), so it is what tuf-conformance's test_faketime sends. A libfaketime
 *       rate suffix such as {@code " x2"} is ignored.
 *   <li>{@code @<epoch seconds>}.
 *   <li>{@code @<date-time>} (libfaketime "start at") and a bare {@code <date-time>} (libfaketime
 *       "absolute"): ISO-8601 with {@code T} or a space, optional fraction, optional offset or
 *       {@code Z}. Without an offset it is read in the JVM's default zone, as libfaketime reads it in
 *       local time.
 * </ul>
 *
 * The clock is fixed, not ticking: one invocation lasts seconds, and a fixed time makes expiry
 * checks reproducible.
 */
final class ReferenceTime {
  private static final Pattern OFFSET = Pattern.compile("([+-]\\d+(?:\\.\\d+)?)([smhdy]?)");
  private static final Pattern EPOCH = Pattern.compile("-?\\d+(?:\\.\\d+)?");
  private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd()
      .append(DateTimeFormatter.ISO_LOCAL_TIME)
      .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
      .toFormatter();

  private ReferenceTime() {}

  /**
   * The clock for one invocation: {@code --reference-time} wins over FAKETIME because it is the
   * more explicit of the two; with neither, the real UTC clock.
   */
  static Clock clock(String referenceTime, String faketime, Clock realClock) throws UsageException {
    String spec = referenceTime != null ? referenceTime : faketime;
    if (spec == null || spec.isBlank()) {
      return realClock;
    }
    try {
      return Clock.fixed(parse(spec.trim(), realClock.instant()), ZoneOffset.UTC);
    } catch (DateTimeException | ArithmeticException e) {
      throw new UsageException("reference time out of range: " + spec);
    }
  }

  static Instant parse(String spec, Instant realNow) throws UsageException {
    Matcher offset = OFFSET.matcher(spec.split("\\s+")[0]);
    if (offset.matches()) {
      return realNow.plus(seconds(new BigDecimal(offset.group(1)).multiply(unit(offset.group(2)))));
    }
    String rest = spec.startsWith("@") ? spec.substring(1).trim() : spec;
    if (spec.startsWith("@") && EPOCH.matcher(rest).matches()) {
      return Instant.EPOCH.plus(seconds(new BigDecimal(rest)));
    }
    try {
      TemporalAccessor t = DATE_TIME.parseBest(rest, OffsetDateTime::from, LocalDateTime::from);
      return t instanceof OffsetDateTime odt
          ? odt.toInstant()
          : ((LocalDateTime) t).atZone(ZoneId.systemDefault()).toInstant();
    } catch (DateTimeParseException e) {
      throw new UsageException("cannot read reference time '" + spec
          + "': expected +/-N[smhdy], @<epoch seconds>, or ISO-8601 like 2026-01-02T03:04:05Z");
    }
  }

  private static BigDecimal unit(String u) {
    return BigDecimal.valueOf(switch (u) {
      case "m" -> 60L;
      case "h" -> 3_600L;
      case "d" -> 86_400L;
      case "y" -> 365L * 86_400L;
      default -> 1L;
    });
  }

  private static Duration seconds(BigDecimal s) throws UsageException {
    try {
      BigDecimal whole = s.setScale(0, RoundingMode.FLOOR);
      long nanos = s.subtract(whole).movePointRight(9).longValue();
      return Duration.ofSeconds(whole.longValueExact(), nanos);
    } catch (ArithmeticException e) {
      throw new UsageException("reference time out of range: " + s + " s");
    }
  }
}
