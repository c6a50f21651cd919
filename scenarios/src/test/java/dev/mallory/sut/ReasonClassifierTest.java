package dev.mallory.sut;

import dev.mallory.client.errors.Reason;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Error lines real clients print (research: peers-and-deps.md, tuf-attacks.md), and what they mean. */
class ReasonClassifierTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ERROR ExpiredMetadataError: Final timestamp.json is expired | EXPIRED",
      "ERROR dev.sigstore.tuf.RoleExpiredException: Trusted metadata is expired but no new versions are available at the mirror URL:(http://x/metadata/) | EXPIRED",
      "ERROR LengthOrHashMismatchError: Expected hash ea2306 but got 6cfb97 | LENGTH_OR_HASH_MISMATCH",
      "ERROR dev.sigstore.tuf.InvalidHashesException: The hashes for hello.txt did not match expectations | LENGTH_OR_HASH_MISMATCH",
      "ERROR DownloadLengthMismatchError: Max length reached | OVERSIZED_DOWNLOAD",
      "ERROR dev.sigstore.tuf.FileExceedsMaxLengthException: The file at http://127.0.0.1:1/targets/ab.hello.txt exceeds the client's max file size limit (10) | OVERSIZED_DOWNLOAD",
      "tuf.api.exceptions.DownloadLengthMismatchError: Downloaded 20000 bytes exceeding the maximum allowed length of 16384 | OVERSIZED_DOWNLOAD",
      "ERROR UnsignedMetadataError: snapshot was signed by 0/1 keys | MISSING_SIGNATURES",
      "ERROR dev.sigstore.tuf.SignatureVerificationException: The role has not been signed by enough keys. [Theshold: 1, Actual: 0] | MISSING_SIGNATURES",
      "ERROR BadVersionError: New timestamp version 1 is less than current version 2 | ROLLBACK",
      "ERROR dev.sigstore.tuf.RollbackVersionException: Expected version 2 or higher but found version 1 | ROLLBACK",
      "ERROR ValueError: expected 'timestamp', got snapshot | WRONG_METADATA_TYPE",
      "tuf.api.exceptions.RepositoryError: Expected 'timestamp', got 'snapshot' | WRONG_METADATA_TYPE",
      "ERROR TargetNotFoundError: hello.txt is not listed by any trusted targets role | TARGET_NOT_FOUND",
      "ERROR dev.sigstore.tuf.TargetMetadataMissingException: The target (hello.txt) has no metadata | TARGET_NOT_FOUND",
      "tuf.api.exceptions.SlowRetrievalError: read timed out | SLOW_RETRIEVAL",
      "ERROR UnsafeTargetPathError: ../x would leave the target directory | UNSAFE_PATH",
      "ERROR DownloadHTTPError: Failed to download 2.snapshot.json (HTTP 404) | DOWNLOAD_ERROR",
      "ERROR Error: connect ECONNREFUSED 127.0.0.1:9 | DOWNLOAD_ERROR",
      "ERROR SyntaxError: Unexpected token } in JSON at position 3 | INVALID_METADATA",
  })
  void realErrorLines(String line, Reason reason) {
    assertThat(ReasonClassifier.classifyLine(line)).contains(reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ERROR Error: something went wrong", "Segmentation fault", "ERROR TypeError: x is undefined"})
  void nothingRecognisableMeansNoReason(String line) {
    assertThat(ReasonClassifier.classifyLine(line)).isEmpty();
  }

  @Test
  void onlyTheLastErrorLineCounts() {
    String stderr = "tuf-js version 5.0.1 starting\nfetching timestamp\n\nERROR Error: boom\n\n";
    assertThat(ReasonClassifier.classify(stderr, "")).isEqualTo(Optional.empty());
    assertThat(ReasonClassifier.errorLine(stderr, "")).isEqualTo("ERROR Error: boom");
    assertThat(ReasonClassifier.classify("", "failed: snapshot.json is expired\n")).contains(Reason.EXPIRED);
  }
}
