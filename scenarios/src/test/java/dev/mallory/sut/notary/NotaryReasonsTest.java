package dev.mallory.sut.notary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallory.client.errors.Reason;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Fatal lines seen from the real notary 0.7.0 client behind a tampering proxy. */
class NotaryReasonsTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "* fatal: version 1 is lower than current version 2|ROLLBACK",
      "* fatal: valid signatures did not meet threshold for timestamp|MISSING_SIGNATURES",
      "* fatal: could not validate the path to a trusted root: unable to retrieve valid leaf certificates|MISSING_SIGNATURES",
      "* fatal: could not validate the path to a trusted root: unable to match any certificates to trust_pinning config|MISSING_SIGNATURES",
      "* fatal: trust server returned a bad response.|OVERSIZED_DOWNLOAD",
      "* fatal: unable to reach trust server at this time: 500.|DOWNLOAD_ERROR",
      "* fatal: timestamp trust data unavailable.  Has a notary repository been initialized?|DOWNLOAD_ERROR",
      "* fatal: client is offline|DOWNLOAD_ERROR",
      "* fatal: No valid trust data for nope|TARGET_NOT_FOUND",
      "* fatal: data not present in the trusted collection, sha256 checksum for v1 did not match: expected a4bb|LENGTH_OR_HASH_MISMATCH",
      "* fatal: timestamp expired at Mon Jan 1 00:00:00 UTC 2024|EXPIRED",
      "* fatal: root type metadata invalid: invalid threshold specified for timestamp: 0|INVALID_METADATA",
      "* fatal: timestamp type metadata invalid: expected type Timestamp, not Snapshot|WRONG_METADATA_TYPE"})
  void classifies(String line, Reason reason) {
    assertThat(NotaryReasons.classify(line)).hasValue(reason);
  }

  @org.junit.jupiter.api.Test
  void fatalLineFromStdoutWins() {
    String stdout = "NAME DIGEST\n\n* fatal: version 1 is lower than current version 2\n";
    String stderr = "time=\"x\" level=error msg=\"something about a signature\"\n";
    assertThat(NotaryReasons.errorLine(stdout, stderr)).isEqualTo("* fatal: version 1 is lower than current version 2");
    assertThat(NotaryReasons.classify("")).isEqualTo(Optional.empty());
  }
}
