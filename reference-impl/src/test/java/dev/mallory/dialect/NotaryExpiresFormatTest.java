package dev.mallory.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Notary writes expiry as Go's RFC3339Nano: no trailing zeros in the fraction, none at all if zero. */
class NotaryExpiresFormatTest {
  @ParameterizedTest(name = "{0} is written as {1}")
  @CsvSource({
    "2026-12-24T23:55:01Z, 2026-12-24T23:55:01Z",
    "2026-12-24T23:55:01.120Z, 2026-12-24T23:55:01.12Z",
    "2026-12-24T23:55:01.123456000Z, 2026-12-24T23:55:01.123456Z",
    "2026-12-24T23:55:01.000000001Z, 2026-12-24T23:55:01.000000001Z",
    "2026-12-24T23:55:01.100Z, 2026-12-24T23:55:01.1Z"
  })
  void notaryExpires_isGoRfc3339Nano(String instant, String expected) {
    assertThat(Dialect.NOTARY.formatExpires(Instant.parse(instant))).isEqualTo(expected);
    assertThat(Dialect.NOTARY.parseExpires(expected)).isEqualTo(Instant.parse(instant));
  }
}
