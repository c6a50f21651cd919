package dev.mallory.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mallory.client.errors.TufClientException;
import dev.mallory.dialect.Dialect;
import dev.mallory.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A repository served on 127.0.0.1, a metadata dir initialised with root v1, a fixed clock. */
abstract class ClientTestBase {
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @TempDir Path tmp;
  TestRepository repo;
  TestHttpServer server;
  Path metadataDir;
  Path targetDir;

  Dialect dialect() {
    return Dialect.TUF_1_0;
  }

  @BeforeEach
  void startRepository() throws IOException {
    repo = new TestRepository(dialect(), NOW);
    server = new TestHttpServer(repo.files);
    // Two levels below the temp dir, so a name escaping with ../../ lands where tests can see it.
    metadataDir = tmp.resolve("client/state/metadata");
    targetDir = tmp.resolve("client/state/targets");
    Files.createDirectories(targetDir);
    if (dialect() == Dialect.TUF_1_0) {
      Updater.initialize(metadataDir, repo.rootBytes(1), dialect());
    }
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  RemoteLayout layout() {
    return dialect() == Dialect.TUF_1_0
        ? new TufLayout(server.url("/metadata/"))
        : new NotaryLayout(server.url("/"), TestRepository.GUN);
  }

  Updater.Builder builder() {
    return Updater.builder(layout())
        .metadataDir(metadataDir)
        .targetDir(targetDir)
        .targetBaseUrl(server.url("/targets/"))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  Updater updater() {
    return builder().build();
  }

  Updater updater(UpdaterConfig config) {
    return builder().config(config).build();
  }

  Updater updaterAt(Instant time) {
    return builder().clock(Clock.fixed(time, ZoneOffset.UTC)).build();
  }

  TrustedVersions refresh() {
    return updater().refresh();
  }

  <T extends TufClientException> T refreshFails(Class<T> type) {
    return refreshFails(updater(), type);
  }

  @SuppressWarnings("unchecked")
  static <T extends TufClientException> T refreshFails(Updater updater, Class<T> type) {
    Throwable[] caught = new Throwable[1];
    assertThatThrownBy(() -> {
      try {
        updater.refresh();
      } catch (Throwable t) {
        caught[0] = t;
        throw t;
      }
    }).isInstanceOf(type);
    return (T) caught[0];
  }

  /** The version of the persisted {@code ROLE.json}, or -1 if there is none. */
  long trustedVersion(String role) {
    Path file = new MetadataStore(metadataDir).fileFor(role);
    if (!Files.exists(file)) {
      return -1;
    }
    try {
      return Json.parse(Files.readAllBytes(file)).get("signed").get("version").asLong();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  byte[] trustedBytes(String role) {
    try {
      return Files.readAllBytes(new MetadataStore(metadataDir).fileFor(role));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI url(String path) {
    return server.url(path);
  }

  /** Gives a top-level role a fresh key in root N+1, signed by the old root keys when asked. */
  void rotate(String role, boolean signedByOldRootKeys) {
    java.util.List<dev.mallory.crypto.SigningKey> oldRoot = java.util.List.copyOf(repo.topLevelSigners.get("root"));
    repo.setTopLevelKeys(role, java.util.List.of(repo.newKey()), 1);
    repo.extraRootSigners.clear();
    if (signedByOldRootKeys) {
      repo.extraRootSigners.addAll(oldRoot);
    }
    repo.rootVersion++;
    repo.publishRoot();
    repo.extraRootSigners.clear();
  }

  /** Publishes the next root with unchanged keys. */
  void publishNextRoot() {
    repo.rootVersion++;
    repo.publishRoot();
  }
}
