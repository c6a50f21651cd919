package dev.mallory.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mallory.client.errors.DownloadLengthExceededException;
import dev.mallory.client.errors.LengthOrHashMismatchException;
import dev.mallory.client.errors.SlowRetrievalException;
import dev.mallory.model.MetaFile;
import dev.mallory.model.Timestamp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Endless data, slow retrieval and oversized claims: typed errors, bounded memory, nothing written. */
@Timeout(60)
class HostileRepositoryTest extends ClientTestBase {

  @ParameterizedTest(name = "endless body on {0} stops at the {1}-byte cap")
  @CsvSource({
    "/metadata/2.root.json, 512000",
    "/metadata/timestamp.json, 16384",
    "/metadata/1.snapshot.json, 2000000",
    "/metadata/1.targets.json, 5000000",
  })
  void endlessMetadata_isCutAtTheCap(String path, long cap) throws IOException {
    server.handlers.put(path, TestHttpServer.endless());

    DownloadLengthExceededException e = refreshFails(DownloadLengthExceededException.class);

    assertThat(e.cap()).isEqualTo(cap);
    assertThat(e.url()).endsWith(path);
    assertNothingUnexpectedWritten();
  }

  @Test
  void endlessDelegatedRole_isCutAtTheTargetsCap() {
    repo.addDelegation("targets", "A", java.util.List.of("*"), false);
    repo.publish();
    server.handlers.put("/metadata/1.A.json", TestHttpServer.endless());

    assertThatThrownBy(() -> updater().getTargetInfo("x"))
        .isInstanceOfSatisfying(DownloadLengthExceededException.class, e -> assertThat(e.cap()).isEqualTo(5_000_000));
    assertThat(trustedVersion("A")).isEqualTo(-1);
  }

  @Test
  void endlessTargetFile_isCutAtItsLengthAndNothingIsStored() throws IOException {
    var file = repo.addTarget("targets", "f.bin", new byte[100]);
    repo.publish();
    server.handlers.put("/targets/" + file.hashes().get("sha256") + ".f.bin", TestHttpServer.endless());

    assertThatThrownBy(() -> updater().download("f.bin"))
        .isInstanceOfSatisfying(DownloadLengthExceededException.class, e -> assertThat(e.cap()).isEqualTo(100));
    try (Stream<Path> files = Files.list(targetDir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void fetcher_neverHandsMoreThanTheCapToItsSink() {
    server.handlers.put("/endless", TestHttpServer.endless());
    AtomicLong received = new AtomicLong();

    assertThatThrownBy(() -> new HttpFetcher(UpdaterConfig.DEFAULTS)
        .fetch(server.url("/endless"), 1_000_000, (b, o, n) -> received.addAndGet(n)))
        .isInstanceOf(DownloadLengthExceededException.class);

    assertThat(received.get()).isLessThanOrEqualTo(1_000_000);
  }

  @Test
  void oversizedRootWithContentLength_isRefusedBeforeReadingTheBody() {
    repo.files.put("/metadata/2.root.json", new byte[600_000]);

    DownloadLengthExceededException e = refreshFails(DownloadLengthExceededException.class);

    assertThat(e.cap()).isEqualTo(512_000);
    assertThat(trustedVersion("root")).isEqualTo(1);
  }

  @Test
  void oversizedCapsAreConfigurable() {
    UpdaterConfig tiny = UpdaterConfig.DEFAULTS.withMaxLengths(512_000, 100, 2_000_000, 5_000_000);

    DownloadLengthExceededException e = refreshFails(updater(tiny), DownloadLengthExceededException.class);

    assertThat(e.cap()).isEqualTo(100);
  }

  @Test
  void timestampClaimingA10GbSnapshot_cannotMakeTheClientBufferIt() {
    Timestamp ts = new Timestamp(2, repo.timestampExpires, repo.specVersion(),
        new MetaFile(OptionalLong.of(1), OptionalLong.of(10_000_000_000L), Map.of()), Map.of());
    repo.files.put("/metadata/timestamp.json", repo.dialect.sign(ts, repo.topLevelSigners.get("timestamp")).raw());

    // the real snapshot is small: the listed length is a lie
    refreshFails(LengthOrHashMismatchException.class);

    // and an endless one stops at the parser's limit, not at 10 GB
    server.handlers.put("/metadata/1.snapshot.json", TestHttpServer.endless());
    DownloadLengthExceededException e = refreshFails(DownloadLengthExceededException.class);
    assertThat(e.cap()).isLessThanOrEqualTo(16 * 1024 * 1024);
  }

  @Test
  void slowRetrieval_gapLongerThanReadTimeout_isRefused() {
    server.handlers.put("/metadata/timestamp.json", TestHttpServer.drip(2_000));
    UpdaterConfig config = UpdaterConfig.DEFAULTS.withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ZERO);

    SlowRetrievalException e = refreshFails(updater(config), SlowRetrievalException.class);

    assertThat(e.limit()).isEqualTo(Duration.ofMillis(300));
  }

  @Test
  void slowRetrieval_dripUnderTheReadTimeout_isStoppedByTheDeadline() {
    server.handlers.put("/metadata/timestamp.json", TestHttpServer.drip(50));
    UpdaterConfig config = UpdaterConfig.DEFAULTS.withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(500));

    SlowRetrievalException e = refreshFails(updater(config), SlowRetrievalException.class);

    assertThat(e.limit()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void slowRetrieval_dripBelowTheMinimumSpeed_isRefusedAfterAboutOneWindow() {
    server.handlers.put("/metadata/timestamp.json", TestHttpServer.drip(50)); // 20 bytes/s, gaps far under the read timeout
    UpdaterConfig config = UpdaterConfig.DEFAULTS.withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ZERO)
        .withMinimumSpeed(new MinimumSpeed(1024, Duration.ofMillis(500)));

    long started = System.nanoTime();
    SlowRetrievalException e = refreshFails(updater(config), SlowRetrievalException.class);

    assertThat(e.tooSlow()).hasValueSatisfying(evidence -> assertThat(evidence.received()).isLessThan(1024));
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(trustedVersion("timestamp")).isEqualTo(-1);
  }

  private void assertNothingUnexpectedWritten() throws IOException {
    try (Stream<Path> all = Files.walk(tmp)) {
      assertThat(all.filter(Files::isRegularFile).map(p -> tmp.relativize(p).toString()))
          .allMatch(p -> p.startsWith("client/state/metadata/") && !p.contains(".part"));
    }
  }
}
