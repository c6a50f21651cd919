package dev.mallory.sut;

import dev.mallory.client.errors.Reason;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each teaching client accepts the honest repository, falls to the attack its historical design
 * falls to, and stops one it does stop. Every test runs twice: in-process ({@code naive:KIND}) and
 * as a conformance CLI in a child JVM through CliClient ({@code naive-cli:KIND}), so the reasons
 * read back from the CLI's error line must agree with the ones raised in-process.
 */
class NaiveClientsTest {
  @TempDir Path work;

  private ClientUnderTest client(String spec) {
    return Clients.fromSpec(spec).newClient();
  }

  private ClientSetup setup(TestRepository repo) {
    return new ClientSetup(work, repo.rootBytes(), repo.metadataUrl(), repo.targetsUrl(), null, null);
  }

  private static void assertAccepted(ClientOutcome outcome) {
    assertThat(outcome).as(outcome.describe()).isInstanceOf(ClientOutcome.Accepted.class);
  }

  private static void assertRefused(ClientOutcome outcome, Reason reason) {
    assertThat(outcome).as(outcome.describe()).isInstanceOf(ClientOutcome.Refused.class);
    assertThat(((ClientOutcome.Refused) outcome).reason()).as(outcome.describe()).isEqualTo(Optional.of(reason));
  }

  @ParameterizedTest
  @ValueSource(strings = {"naive:signature-only", "naive:unchecked-payload", "naive:tofu",
      "naive-cli:signature-only", "naive-cli:unchecked-payload", "naive-cli:tofu"})
  void everyNaiveClientAcceptsTheHonestRepository(String spec) throws Exception {
    for (boolean consistent : new boolean[] {true, false}) {
      Path dir = work.resolve("cs-" + consistent);
      try (TestRepository repo = new TestRepository(consistent); ClientUnderTest client = client(spec)) {
        repo.addTarget("hello.txt", "hello\n");
        repo.addTarget("dir/sub.txt", "sub\n");
        repo.publish();
        assertAccepted(client.init(new ClientSetup(dir, repo.rootBytes(), repo.metadataUrl(), repo.targetsUrl(), null, null)));
        assertAccepted(client.download(List.of("hello.txt", "dir/sub.txt")));
        assertThat(client.downloadedTarget("dir/sub.txt")).map(String::new).contains("sub\n");
        assertThat(client.trustedVersions()).containsEntry("targets", 1L).containsEntry("root", 1L);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"naive:signature-only", "naive-cli:signature-only"})
  void signatureOnlyAcceptsAReplayedOldTimestampButNotTargetsSignedByAnotherKey(String spec) throws Exception {
    try (TestRepository repo = new TestRepository(true); ClientUnderTest client = client(spec)) {
      repo.addTarget("hello.txt", "v1\n");
      repo.publish();
      repo.addTarget("hello.txt", "v2\n");
      repo.publish();
      client.init(setup(repo));
      assertAccepted(client.refresh());
      assertThat(client.trustedVersions()).containsEntry("targets", 2L);
      // Rollback: the attacker replays timestamp v1; it points at snapshot 1 and targets 1, all validly signed.
      repo.files.put("metadata/timestamp.json", repo.timestamp(1));
      assertAccepted(client.download(List.of("hello.txt")));
      assertThat(client.trustedVersions()).containsEntry("timestamp", 1L).containsEntry("targets", 1L);
      assertThat(client.downloadedTarget("hello.txt")).map(String::new).contains("v1\n");
      // Arbitrary installation: targets signed by a key the root never listed.
      repo.files.put("metadata/timestamp.json", repo.timestamp(2));
      repo.publish(TestRepository.key());
      assertRefused(client.refresh(), Reason.MISSING_SIGNATURES);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"naive:unchecked-payload", "naive-cli:unchecked-payload"})
  void uncheckedPayloadStoresTamperedBytesButRefusesARolledBackTimestamp(String spec) throws Exception {
    try (TestRepository repo = new TestRepository(true); ClientUnderTest client = client(spec)) {
      repo.addTarget("hello.txt", "hello\n");
      repo.publish();
      repo.publish();
      client.init(setup(repo));
      // Arbitrary installation: other bytes (of another length) where the signed target should be.
      repo.files.put(repo.targetUrlPath("hello.txt"), "rm -rf --no-preserve-root /\n".getBytes(StandardCharsets.UTF_8));
      assertAccepted(client.download(List.of("hello.txt")));
      assertThat(client.downloadedTarget("hello.txt")).map(String::new).contains("rm -rf --no-preserve-root /\n");
      // Rollback: its metadata checks are right.
      repo.files.put("metadata/timestamp.json", repo.timestamp(1));
      assertRefused(client.refresh(), Reason.ROLLBACK);
      assertThat(client.trustedVersions()).containsEntry("timestamp", 2L);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"naive:tofu", "naive-cli:tofu"})
  void tofuTrustsTheAttackersRootOnFirstUseButNotATamperedTarget(String spec) throws Exception {
    try (TestRepository honest = new TestRepository(true); TestRepository attacker = new TestRepository(true);
        ClientUnderTest client = client(spec)) {
      honest.addTarget("hello.txt", "hello\n");
      honest.publish();
      attacker.addTarget("hello.txt", "malware\n");
      attacker.publish();
      // The client is given the honest root out of band, but talks to the attacker's server first.
      client.init(new ClientSetup(work, honest.rootBytes(), attacker.metadataUrl(), attacker.targetsUrl(), null, null));
      assertAccepted(client.download(List.of("hello.txt")));
      assertThat(client.downloadedTarget("hello.txt")).map(String::new).contains("malware\n");
      assertThat(client.trustedVersions()).containsEntry("root", 1L);
      // Once it holds a root it checks the rest properly: a tampered target is refused.
      attacker.files.put(attacker.targetUrlPath("hello.txt"), "MALWARE\n".getBytes(StandardCharsets.UTF_8));
      java.nio.file.Files.delete(work.resolve("targets/hello.txt"));
      assertRefused(client.download(List.of("hello.txt")), Reason.LENGTH_OR_HASH_MISMATCH);
      assertThat(client.downloadedTarget("hello.txt")).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"naive:tofu", "naive:unchecked-payload"})
  void theCorrectChainRefusesExpiredAndUnsignedMetadata(String spec) throws Exception {
    try (TestRepository repo = new TestRepository(true); ClientUnderTest client = client(spec)) {
      repo.addTarget("hello.txt", "hello\n");
      repo.expires = java.time.Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      repo.publish();
      client.init(setup(repo));
      assertRefused(client.refresh(), Reason.EXPIRED);
      repo.expires = java.time.Instant.now().plusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      repo.publish(TestRepository.key());
      assertRefused(client.refresh(), Reason.MISSING_SIGNATURES);
    }
  }
}
