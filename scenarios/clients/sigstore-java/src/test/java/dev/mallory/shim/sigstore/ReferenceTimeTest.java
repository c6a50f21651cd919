package dev.mallory.shim.sigstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReferenceTimeTest {
  static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

  static Instant parse(String spec) throws UsageException {
    return ReferenceTime.parse(spec, NOW);
  }

  @Test
  void offsetsAreFromTheRealNowAsDebiansFaketimeWrapperExportsThem() throws UsageException {
    // `faketime "2026-01-02 03:04:05" cmd` runs cmd with FAKETIME=-<seconds from now>.
    assertEquals(NOW.minusSeconds(28_235_772), parse("-28235772"));
    assertEquals(NOW.plusSeconds(2 * 86_400), parse("+2d"));
    assertEquals(NOW.plusSeconds(90), parse("+1.5m"));
    assertEquals(NOW.plusSeconds(10 * 86_400), parse("+10d x2")); // rate suffix ignored
  }

  @Test
  void absoluteTimes() throws UsageException {
    Instant expected = Instant.parse("2026-01-02T03:04:05Z");
    assertEquals(expected, parse("@1767323045"));
    assertEquals(expected, parse("2026-01-02T03:04:05Z"));
    assertEquals(expected, parse("2026-01-02 03:04:05+00:00"));
    assertEquals(expected.plusMillis(123), parse("2026-01-02T03:04:05.123Z"));
    assertEquals(expected.minusSeconds(3600), parse("2026-01-02T03:04:05+0100"));
    Instant local = LocalDateTime.parse("2026-01-02T03:04:05").atZone(ZoneId.systemDefault()).toInstant();
    assertEquals(local, parse("2026-01-02 03:04:05"));
    assertEquals(local, parse("@2026-01-02 03:04:05"));
  }

  @Test
  void optionWinsOverFaketimeAndNeitherMeansTheRealClock() throws UsageException {
    Clock real = Clock.fixed(NOW, ZoneOffset.UTC);
    assertEquals(real, ReferenceTime.clock(null, null, real));
    assertEquals(real, ReferenceTime.clock(null, " ", real));
    assertEquals(Instant.parse("2030-01-01T00:00:00Z"),
        ReferenceTime.clock("2030-01-01T00:00:00Z", "+1d", real).instant());
  }

  @Test
  void nonsenseIsTheCallersMistake() {
    assertThrows(UsageException.class, () -> ReferenceTime.clock(null, "next tuesday", Clock.systemUTC()));
    assertThrows(UsageException.class, () -> ReferenceTime.clock(null, "@99999999999999999999", Clock.systemUTC()));
  }
}
