package dev.mallory.sut;

import dev.mallory.client.errors.Reason;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What CliClient must observe of any correct conformance client, run against real third-party
 * clients (tuf-js, sigstore-java) over real HTTP on 127.0.0.1. Subclasses supply the factory.
 */
abstract class ConformanceClientContract {
  @TempDir Path work;

  abstract ClientFactory factory();

  ClientSetup setup(TestRepository repo) {
    return new ClientSetup(work, repo.rootBytes(), repo.metadataUrl(), repo.targetsUrl(), null, null);
  }

  @Test
  void initAndRefreshAreAcceptedAndTheTrustedVersionsReadBack() throws Exception {
    try (TestRepository repo = new TestRepository(true); ClientUnderTest client = factory().newClient()) {
      repo.addTarget("hello.txt", "hello\n");
      repo.publish();
      repo.publish();
      assertThat(client.init(setup(repo))).isInstanceOf(ClientOutcome.Accepted.class);
      assertThat(client.trustedVersions()).containsEntry("root", 1L);
      ClientOutcome refresh = client.refresh();
      assertThat(refresh).as(refresh.describe()).isInstanceOf(ClientOutcome.Accepted.class);
      assertThat(client.trustedVersions())
          .isEqualTo(Map.of("root", 1L, "timestamp", 2L, "snapshot", 2L, "targets", 2L));
    }
  }

  @Test
  void downloadWritesTheSignedBytesIncludingTargetsInSubdirectories() throws Exception {
    try (TestRepository repo = new TestRepository(true); ClientUnderTest client = factory().newClient()) {
      repo.addTarget("hello.txt", "hello\n");
      repo.addTarget("dir/sub.txt", "in a directory\n");
      repo.publish();
      client.init(setup(repo));
      ClientOutcome outcome = client.download(List.of("hello.txt", "dir/sub.txt"));
      assertThat(outcome).as(outcome.describe()).isInstanceOf(ClientOutcome.Accepted.class);
      assertThat(client.downloadedTarget("hello.txt")).map(String::new).contains("hello\n");
      assertThat(client.downloadedTarget("dir/sub.txt")).map(b -> new String(b, StandardCharsets.UTF_8)).contains("in a directory\n");
      assertThat(client.downloadedTarget("missing.txt")).isEmpty();
    }
  }

  @Test
  void aTamperedTargetIsRefusedForItsHashAndNothingIsStored() throws Exception {
    try (TestRepository repo = new TestRepository(true); ClientUnderTest client = factory().newClient()) {
      repo.addTarget("hello.txt", "hello\n");
      repo.publish();
      repo.files.put(repo.targetUrlPath("hello.txt"), "HELLO\n".getBytes(StandardCharsets.UTF_8)); // same length
      client.init(setup(repo));
      ClientOutcome outcome = client.download(List.of("hello.txt"));
      assertThat(outcome).as(outcome.describe()).isInstanceOf(ClientOutcome.Refused.class);
      assertThat(((ClientOutcome.Refused) outcome).reason()).contains(Reason.LENGTH_OR_HASH_MISMATCH);
      assertThat(client.downloadedTarget("hello.txt")).isEmpty();
    }
  }

  @Test
  void aReplayedOlderTimestampIsRefusedAsARollback() throws Exception {
    try (TestRepository repo = new TestRepository(true); ClientUnderTest client = factory().newClient()) {
      repo.addTarget("hello.txt", "hello\n");
      repo.publish();
      repo.publish();
      client.init(setup(repo));
      assertThat(client.refresh()).isInstanceOf(ClientOutcome.Accepted.class);
      repo.files.put("metadata/timestamp.json", repo.timestamp(1));
      ClientOutcome outcome = client.refresh();
      assertThat(outcome).as(outcome.describe()).isInstanceOf(ClientOutcome.Refused.class);
      assertThat(((ClientOutcome.Refused) outcome).reason()).contains(Reason.ROLLBACK);
      assertThat(client.trustedVersions()).containsEntry("timestamp", 2L);
    }
  }

  @Test
  void targetsSignedByAnUnknownKeyAreRefusedForTheirSignatures() throws Exception {
    try (TestRepository repo = new TestRepository(true); ClientUnderTest client = factory().newClient()) {
      repo.addTarget("hello.txt", "hello\n");
      repo.publish(TestRepository.key());
      client.init(setup(repo));
      ClientOutcome outcome = client.refresh();
      assertThat(outcome).as(outcome.describe()).isInstanceOf(ClientOutcome.Refused.class);
      assertThat(((ClientOutcome.Refused) outcome).reason()).isEqualTo(Optional.of(Reason.MISSING_SIGNATURES));
      assertThat(client.trustedVersions()).doesNotContainKey("targets");
    }
  }

  static boolean exists(Path path) {
    return Files.exists(path);
  }
}
