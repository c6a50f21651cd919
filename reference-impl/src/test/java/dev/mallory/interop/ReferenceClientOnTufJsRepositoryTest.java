package dev.mallory.interop;

import static dev.mallory.interop.TufJsModelsInteropTest.node;
import static dev.mallory.interop.TufJsModelsInteropTest.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mallory.client.MetadataStore;
import dev.mallory.client.TargetInfo;
import dev.mallory.client.TestHttpServer;
import dev.mallory.client.TrustedVersions;
import dev.mallory.client.TufLayout;
import dev.mallory.client.Updater;
import dev.mallory.dialect.Dialect;
import dev.mallory.external.CommandResult;
import dev.mallory.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop B (issue 4): a repository written by tuf-js's {@code @tufjs/models} ({@code
 * models-interop.js generate --second-release}: consistent snapshots, the delegation {@code role1},
 * two releases of every role with the timestamp key rotated in root v2) served over real loopback
 * HTTP; Mallory's reference {@link Updater} walks it from root v1 and downloads every target.
 */
class ReferenceClientOnTufJsRepositoryTest {
  private static final String METADATA = "/metadata/";
  private static final String TARGETS = "/targets/";

  @TempDir Path tmp;
  private JsonNode summary;
  private final Map<String, byte[]> served = new HashMap<>();
  private TestHttpServer http;
  private Path metadataDir;

  @BeforeAll
  static void requireNodeModules() {
    assumeTrue(Files.isDirectory(ProjectPaths.tufJs().resolve("node_modules/@tufjs/models")),
        "tuf-js packages not installed: run ./run-tests (or npm ci in scenarios/clients/tuf-js)");
  }

  @BeforeEach
  void generateAndServe() throws IOException {
    Path repo = tmp.resolve("repo");
    CommandResult generated = node("models-interop.js", "generate", "--second-release", repo.toString());
    assertThat(generated.exitCode()).as(generated.toString()).isZero();
    summary = Json.parse(generated.stdout().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(summary.get("release").asLong()).isEqualTo(2);
    for (String dir : new String[] {"metadata", "targets"}) {
      try (Stream<Path> files = Files.walk(repo.resolve(dir))) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          served.put("/" + dir + "/" + repo.resolve(dir).relativize(file), Files.readAllBytes(file));
        }
      }
    }
    http = new TestHttpServer(served);
    metadataDir = tmp.resolve("client/metadata");
    Updater.initialize(metadataDir, served.get(METADATA + "1.root.json"), Dialect.TUF_1_0);
  }

  @AfterEach
  void stop() {
    http.close();
  }

  private Updater updater() {
    return Updater.builder(new TufLayout(http.url(METADATA)))
        .metadataDir(metadataDir)
        .targetDir(tmp.resolve("client/targets"))
        .targetBaseUrl(http.url(TARGETS))
        .build();
  }

  @Test
  void refresh_walksToRootV2AndTrustsTheSecondReleaseOfEveryRole() {
    Updater updater = updater();

    updater.refresh();
    updater.getTargetInfo("second.txt").orElseThrow();
    TrustedVersions versions = updater.trustedVersions().orElseThrow();

    assertThat(versions.root()).isEqualTo(2);
    assertThat(versions.timestamp()).hasValue(2);
    assertThat(versions.snapshot()).hasValue(2);
    assertThat(versions.targets()).isEqualTo(Map.of("targets", 2L, "role1", 2L));
    // Consistent snapshots: every role after timestamp is fetched by its version, never by its bare name.
    assertThat(http.requestsUnder(METADATA)).containsExactly(METADATA + "2.root.json", METADATA + "3.root.json",
        METADATA + "timestamp.json", METADATA + "2.snapshot.json", METADATA + "2.targets.json",
        METADATA + "2.role1.json");
  }

  @Test
  void everyTarget_downloadsWithTheLengthAndHashTufJsWrote() throws Exception {
    Updater updater = updater();
    updater.refresh();

    int checked = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = summary.get("targets").fields(); it.hasNext(); checked++) {
      Map.Entry<String, JsonNode> target = it.next();
      String name = target.getKey();
      String sha256 = target.getValue().get("sha256").textValue();
      TargetInfo info = updater.getTargetInfo(name).orElseThrow();
      Path file = updater.download(name);

      assertThat(info.role()).as(name).isEqualTo(target.getValue().get("role").textValue());
      assertThat(info.file().hashes()).containsEntry("sha256", sha256);
      assertThat(info.file().length()).isEqualTo(target.getValue().get("length").asLong());
      assertThat(sha256(Files.readAllBytes(file))).as(name).isEqualTo(sha256);
      // 5.7.3: with consistent snapshots the file is fetched as <dir>/<hash>.<name>.
      int slash = name.lastIndexOf('/');
      String hashed = name.substring(0, slash + 1) + sha256 + "." + name.substring(slash + 1);
      assertThat(http.requestsUnder(TARGETS)).contains(TARGETS + hashed);
    }
    assertThat(checked).isEqualTo(4);
  }

  @Test
  void everyStoredRole_isByteIdenticalToTheFileServedForTheTrustedVersion() throws IOException {
    Updater updater = updater();
    updater.refresh();
    updater.getTargetInfo("second.txt").orElseThrow(); // loads role1
    TrustedVersions versions = updater.trustedVersions().orElseThrow();

    Map<String, String> servedName = Map.of(
        "root", versions.root() + ".root.json",
        "timestamp", "timestamp.json",
        "snapshot", versions.snapshot().getAsLong() + ".snapshot.json",
        "targets", versions.targets().get("targets") + ".targets.json",
        "role1", versions.targets().get("role1") + ".role1.json");
    MetadataStore store = new MetadataStore(metadataDir);
    for (Map.Entry<String, String> role : servedName.entrySet()) {
      assertThat(Files.readAllBytes(store.fileFor(role.getKey()))).as(role.getKey())
          .isEqualTo(served.get(METADATA + role.getValue()));
    }
    try (Stream<Path> stored = Files.list(metadataDir)) {
      assertThat(stored.map(p -> p.getFileName().toString()))
          .as("every role stored, nothing else").containsExactlyInAnyOrder(
              "root.json", "timestamp.json", "snapshot.json", "targets.json", "role1.json");
    }
  }
}
