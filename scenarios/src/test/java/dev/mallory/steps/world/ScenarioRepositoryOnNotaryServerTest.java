package dev.mallory.steps.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mallory.dialect.Dialect;
import dev.mallory.engine.NotApplicableException;
import dev.mallory.external.NotaryServer;
import dev.mallory.json.Json;
import dev.mallory.repo.store.RoleFile;
import dev.mallory.sut.backend.RepositoryBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The world's repository rules on the real notary-server, which signs and numbers the timestamps itself. */
class ScenarioRepositoryOnNotaryServerTest {
  @TempDir Path dir;
  private RepositoryBackend backend;

  @BeforeEach
  void start() {
    assumeTrue(NotaryServer.isInstalled(), NotaryServer.NOT_INSTALLED);
    backend = RepositoryBackend.of(RepositoryBackend.NOTARY_SERVER);
  }

  @AfterEach
  void stop() {
    if (backend != null) {
      backend.close();
    }
  }

  private ScenarioRepository repository(Map<String, Set<Long>> attackerServed) {
    return new ScenarioRepository(backend.host(Dialect.NOTARY, dir), Dialect.NOTARY, Duration.ZERO,
        role -> attackerServed.getOrDefault(role, Set.of()));
  }

  @Test
  void aTimestampVersionTheAttackerServedIsUsedUpByAGenuinePublicationNoClientIsShown() {
    try (ScenarioRepository repo = repository(Map.of("timestamp", Set.of(2L)))) {
      repo.delegations().addTarget(Optional.empty(), "app.tgz", "app 1.0");
      repo.history().ensurePublished();
      repo.history().publishNewVersion();
      assertThat(repo.served().history("timestamp")).extracting(RoleFile::version).containsExactly(1L, 2L, 3L);
      assertThat(repo.served().current("snapshot").orElseThrow().version()).as("the extra publication re-signed the snapshot").isEqualTo(3);
      assertThat(repo.served().current("targets").orElseThrow().version()).isEqualTo(2);
      assertThat(repo.history().stateAt(3)).hasValueSatisfying(s -> assertThat(s.versions()).containsEntry("targets", 2L));
    }
  }

  @Test
  void whatTheServerSignsItselfIsNotApplicableWithTheReason() {
    try (ScenarioRepository repo = repository(Map.of())) {
      assertThatThrownBy(() -> repo.setLifetime("timestamp", Duration.ofSeconds(20)))
          .isInstanceOf(NotApplicableException.class)
          .hasMessageStartingWith("notary-server signs the timestamp itself, with a key only it holds");
      assertThatThrownBy(() -> repo.setKeys("timestamp", 2, 2)).isInstanceOf(NotApplicableException.class);
      repo.history().ensurePublished();
      assertThatThrownBy(() -> repo.stealKeys("timestamp")).isInstanceOf(NotApplicableException.class)
          .hasMessageContaining("the attacker cannot steal its key");
      assertThat(repo.stealKeys("snapshot")).as("the publisher holds the snapshot key, as notary's default").isNotEmpty();
      assertThatThrownBy(() -> repo.history().publishNewVersionOf("timestamp")).isInstanceOf(NotApplicableException.class);
    }
    assertThatThrownBy(() -> new ScenarioRepository(backend.host(Dialect.NOTARY, dir), Dialect.NOTARY, Duration.ofDays(2), r -> Set.of()))
        .isInstanceOf(NotApplicableException.class)
        .hasMessage("notary-server signs the timestamp itself, at the time of publishing: version 1 cannot be signed 2 days in the past");
  }

  @Test
  void rotatingTheTimestampKeyRotatesTheServersKeyAndTheRootListsIt() {
    try (ScenarioRepository repo = repository(Map.of())) {
      repo.history().ensurePublished();
      repo.history().rotate(List.of("timestamp"));
      RoleFile root = repo.served().current("root").orElseThrow();
      assertThat(root.version()).isEqualTo(2);
      String listed = Json.parse(root.bytes()).path("signed").path("roles").path("timestamp").path("keyids").get(0).asText();
      String signer = Json.parse(repo.served().current("timestamp").orElseThrow().bytes()).path("signatures").get(0).path("keyid").asText();
      String before = Json.parse(repo.served().version("timestamp", 1).orElseThrow().bytes())
          .path("signatures").get(0).path("keyid").asText();
      assertThat(signer).isEqualTo(listed).isNotEqualTo(before);
    }
  }

  @Test
  void delegatedRolesArePublishedUnderTheirNotaryNames() {
    try (ScenarioRepository repo = repository(Map.of())) {
      String role = repo.delegations().delegate("targets", "app-team", List.of("app/*"), false);
      repo.delegations().addTarget(Optional.of(role), "app/cli.tgz", "cli 1.0");
      repo.history().ensurePublished();
      assertThat(role).isEqualTo("targets/app-team");
      assertThat(repo.served().roles()).contains("targets/app-team");
      assertThat(repo.currentTarget("app/cli.tgz")).isPresent();
      assertThat(Json.parse(repo.served().current("targets").orElseThrow().bytes()).path("signed").path("delegations").path("roles").get(0)
          .path("paths").get(0).asText()).isEqualTo("app/");
    }
  }
}
