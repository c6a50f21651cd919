package dev.mallory.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mallory.client.errors.DownloadLengthExceededException;
import dev.mallory.client.errors.LengthOrHashMismatchException;
import dev.mallory.client.errors.TargetNotFoundException;
import dev.mallory.client.errors.UnsafePathException;
import dev.mallory.model.TargetFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Checklist 37-41: fetching target files (spec 5.7). */
class TargetDownloadTest extends ClientTestBase {
  private static final byte[] CONTENT = "hello, target".getBytes(StandardCharsets.UTF_8);

  private List<Path> filesIn(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void download_verifiesAndStoresUnderQuotedNameWithHashPrefixedUrl() throws Exception {
    TargetFile file = repo.addTarget("targets", "a/b/c.txt", CONTENT);
    repo.publish();

    Path stored = updater().download("a/b/c.txt");

    assertThat(stored).isEqualTo(targetDir.resolve("a%2Fb%2Fc.txt").toAbsolutePath().normalize());
    assertThat(Files.readAllBytes(stored)).isEqualTo(CONTENT);
    assertThat(server.requestsUnder("/targets/")).containsExactly("/targets/a/b/" + file.hashes().get("sha256") + ".c.txt");
    assertThat(filesIn(targetDir)).containsExactly(stored);
  }

  @Test
  void download_withoutConsistentSnapshots_usesPlainPath() {
    repo.consistentSnapshot = false;
    publishNextRoot();
    repo.addTarget("targets", "a/c.txt", CONTENT);
    repo.publish();

    updater().download("a/c.txt");

    assertThat(server.requestsUnder("/targets/")).containsExactly("/targets/a/c.txt");
  }

  @Test
  void download_withHashPrefixDisabled_usesPlainPath() {
    repo.addTarget("targets", "c.txt", CONTENT);
    repo.publish();

    updater(UpdaterConfig.DEFAULTS.withPrefixTargetsWithHash(false)).download("c.txt");

    assertThat(server.requestsUnder("/targets/")).containsExactly("/targets/c.txt");
  }

  @Test
  void download_unknownTarget_isTargetNotFoundButTopLevelIsRefreshed() {
    TargetNotFoundException e = org.assertj.core.api.Assertions.catchThrowableOfType(
        TargetNotFoundException.class, () -> updater().download("nope"));

    assertThat(e.path()).isEqualTo("nope");
    assertThat(trustedVersion("targets")).isEqualTo(1);
  }

  @Test
  void download_substitutedContentOfSameLength_isHashMismatchAndNothingIsStored() throws Exception {
    TargetFile file = repo.addTarget("targets", "c.txt", CONTENT);
    repo.publish();
    byte[] evil = CONTENT.clone();
    evil[0] ^= 1;
    repo.files.put("/targets/" + file.hashes().get("sha256") + ".c.txt", evil);

    LengthOrHashMismatchException e = org.assertj.core.api.Assertions.catchThrowableOfType(
        LengthOrHashMismatchException.class, () -> updater().download("c.txt"));

    assertThat(e.subject()).isEqualTo("c.txt");
    assertThat(e.expected()).startsWith("sha256=");
    assertThat(filesIn(targetDir)).isEmpty();
  }

  @Test
  void download_longerContent_isCutAtTheListedLengthAndNothingIsStored() throws Exception {
    TargetFile file = repo.addTarget("targets", "c.txt", CONTENT);
    repo.publish();
    repo.files.put("/targets/" + file.hashes().get("sha256") + ".c.txt", new byte[CONTENT.length + 1]);

    DownloadLengthExceededException e = org.assertj.core.api.Assertions.catchThrowableOfType(
        DownloadLengthExceededException.class, () -> updater().download("c.txt"));

    assertThat(e.cap()).isEqualTo(CONTENT.length);
    assertThat(filesIn(targetDir)).isEmpty();
  }

  @Test
  void download_shorterContent_isLengthMismatch() throws Exception {
    TargetFile file = repo.addTarget("targets", "c.txt", CONTENT);
    repo.publish();
    repo.files.put("/targets/" + file.hashes().get("sha256") + ".c.txt", new byte[3]);

    LengthOrHashMismatchException e = org.assertj.core.api.Assertions.catchThrowableOfType(
        LengthOrHashMismatchException.class, () -> updater().download("c.txt"));

    assertThat(e.found()).isEqualTo("length=3");
    assertThat(filesIn(targetDir)).isEmpty();
  }

  @Test
  void download_onlyUnknownHashAlgorithm_failsClosedWithoutRequest() throws Exception {
    repo.role("targets").targets.put("c.txt", new TargetFile(CONTENT.length, Map.of("unknown-hash", "00"), null));
    repo.publish();

    assertThatThrownBy(() -> updater().download("c.txt")).isInstanceOf(LengthOrHashMismatchException.class);
    assertThat(server.requestsUnder("/targets/")).isEmpty();
    assertThat(filesIn(targetDir)).isEmpty();
  }

  @Test
  void download_everyListedHashMustMatch() throws Exception {
    repo.role("targets").targets.put("c.txt", new TargetFile(CONTENT.length,
        Map.of("sha256", TestRepository.hex("SHA-256", CONTENT), "sha512", "00".repeat(64)), null));
    repo.files.put("/targets/c.txt", CONTENT);
    repo.files.put("/targets/" + TestRepository.hex("SHA-256", CONTENT) + ".c.txt", CONTENT);
    repo.publish();

    assertThatThrownBy(() -> updater().download("c.txt")).isInstanceOf(LengthOrHashMismatchException.class);
    assertThat(filesIn(targetDir)).isEmpty();
  }

  @Test
  void artifactCache_validLocalFileIsReturnedWithoutDownload() {
    repo.addTarget("targets", "c.txt", CONTENT);
    repo.publish();
    Updater updater = updater();
    updater.download("c.txt");

    updater.download("c.txt");

    assertThat(server.requestsUnder("/targets/")).hasSize(1);
  }

  @Test
  void artifactCache_modifiedLocalFileIsDownloadedAgain() throws Exception {
    repo.addTarget("targets", "c.txt", CONTENT);
    repo.publish();
    Path stored = updater().download("c.txt");
    Files.write(stored, "tampered-xxxxx".getBytes(StandardCharsets.UTF_8));

    updater().download("c.txt");

    assertThat(Files.readAllBytes(stored)).isEqualTo(CONTENT);
    assertThat(server.requestsUnder("/targets/")).hasSize(2);
  }

  @Test
  void targetNamedDotDotSlash_isStoredInsideTargetDirUnderAnEncodedName() throws Exception {
    repo.addTarget("targets", "../../x", CONTENT);
    repo.publish();

    Path stored = updater().download("../../x");

    assertThat(stored.getParent()).isEqualTo(targetDir.toAbsolutePath().normalize());
    assertThat(stored.getFileName().toString()).isEqualTo("..%2F..%2Fx");
    assertThat(Files.exists(tmp.resolve("client/x"))).isFalse();
    assertThat(server.requestsUnder("/targets/").get(0)).startsWith("/targets/%2E%2E/%2E%2E/");
  }

  @Test
  void targetNamedDotDot_isUnsafe() {
    repo.role("targets").targets.put("..", new TargetFile(1, Map.of("sha256", "00".repeat(32)), null));
    repo.publish();

    assertThatThrownBy(() -> updater().download("..")).isInstanceOf(UnsafePathException.class);
  }

  @Test
  void targetsByAbsolutePath_cannotEscape() throws Exception {
    repo.addTarget("targets", "/etc/passwd", CONTENT);
    repo.publish();

    Path stored = updater().download("/etc/passwd");

    assertThat(stored.getFileName().toString()).isEqualTo("%2Fetc%2Fpasswd");
    assertThat(stored.getParent()).isEqualTo(targetDir.toAbsolutePath().normalize());
  }
}
