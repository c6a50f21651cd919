package dev.mallory.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mallory.model.InvalidMetadataException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast path for {@code YYYY-MM-DDTHH:MM:SSZ} accepts and refuses exactly what the ISO parser does. */
class ExpiresTest {

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @ValueSource(strings = {
    "2030-01-01T00:00:00Z", "2024-02-29T23:59:59Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
    "2023-02-29T00:00:00Z", "2030-13-01T00:00:00Z", "2030-00-10T00:00:00Z", "2030-04-31T00:00:00Z",
    "2030-01-01T24:00:00Z", "2030-01-01T23:60:00Z", "2030-01-01T23:59:60Z", "2030-01-01t00:00:00z",
    "2030-01-01T00:00:00+01:00", "2030-01-01T00:00:00.5Z", "2030-01-01 00:00:00Z", "2030-1-01T00:00:00Z",
    "2030-01-01T00:00:00", "+2030-01-01T00:00:0Z", "2030-01-01T00:00:00ZZ", "２030-01-01T00:00:00Z", ""
  })
  void edgeCases_agreeWithTheIsoParser(String text) {
    assertAgrees(text);
  }

  @Property(tries = 300)
  void everyShortFormDate_agreesWithTheIsoParser(@ForAll @IntRange(min = 0, max = 9999) int year,
      @ForAll @IntRange(min = 0, max = 13) int month, @ForAll @IntRange(min = 0, max = 32) int day,
      @ForAll @IntRange(min = 0, max = 25) int hour, @ForAll @IntRange(min = 0, max = 61) int second) {
    assertAgrees(String.format("%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day, hour, second, second));
  }

  private static void assertAgrees(String text) {
    Optional<Instant> iso;
    try {
      iso = Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      iso = Optional.empty();
    }
    if (iso.isPresent()) {
      assertThat(Expires.parse(text)).as(text).isEqualTo(iso.get());
    } else {
      assertThatThrownBy(() -> Expires.parse(text)).as(text).isInstanceOf(InvalidMetadataException.class);
    }
  }
}
