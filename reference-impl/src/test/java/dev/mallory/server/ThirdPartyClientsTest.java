package dev.mallory.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mallory.dialect.Dialect;
import dev.mallory.external.CommandResult;
import dev.mallory.external.CommandRunner;
import dev.mallory.interop.ProjectPaths;
import dev.mallory.json.Json;
import dev.mallory.repo.Delegation;
import dev.mallory.repo.Repository;
import dev.mallory.repo.signing.LocalSigningService;
import dev.mallory.repo.store.Hashes;
import dev.mallory.repo.store.MetadataStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real third-party TUF clients, each behind the TUF conformance client CLI (scenarios/clients),
 * refresh from the reference server's TUF layout and download targets byte for byte; a target whose
 * stored bytes were tampered with is refused and leaves nothing in the target directory.
 *
 * <ul>
 *   <li>tuf-js 5.0.1: top-level and delegated targets (the delegated role's name holds a slash, so
 *       the client must percent-encode it in the metadata URL);
 *   <li>sigstore-java 2.0.0: top-level targets only (it has no delegations and always uses
 *       consistent-snapshot names).
 * </ul>
 */
class ThirdPartyClientsTest {
  private static final String REPO = "default";
  private static final String TOP = "hello.txt";
  private static final String DELEGATED_ROLE = "team/releases";
  private static final String DELEGATED = "releases/v1/notes.txt";
  private static final byte[] TOP_BYTES = "hello from the reference server\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] DELEGATED_BYTES = "release notes, listed by a delegated role\n".getBytes(StandardCharsets.UTF_8);
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  @TempDir Path dir;
  private Path data;
  private Repository repo;
  private LocalSigningService signer;
  private MalloryServer server;

  @BeforeEach
  void serveAConsistentSnapshotRepositoryWithADelegation() {
    data = dir.resolve("data");
    MetadataStore store = MetadataStore.open(data);
    signer = LocalSigningService.inMemory();
    repo = Repository.builder(Dialect.TUF_1_0).name(REPO).store(store).signingService(signer).consistentSnapshot(true).create();
    repo.addTarget(TOP, TOP_BYTES);
    repo.delegate("targets", DELEGATED_ROLE, Delegation.paths("releases/*/*"));
    repo.addTarget(DELEGATED_ROLE, DELEGATED, DELEGATED_BYTES);
    repo.publish();
    server = MalloryServer.start(ServerConfig.defaults().withPort(0), store, signer, Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  // ---- tuf-js -------------------------------------------------------------------------------

  @Test
  void tufJs_refreshesAndDownloadsTopLevelAndDelegatedTargets() throws Exception {
    Client tufJs = tufJs();
    Path md = tufJs.init("tufjs");

    ok(tufJs.run("--metadata-url", server.url() + "/metadata", "--metadata-dir", md.toString(), "refresh"));
    assertThat(md.resolve("timestamp.json")).hasBinaryContent(repo.current("timestamp").orElseThrow().bytes());
    assertThat(md.resolve("targets.json")).hasBinaryContent(repo.current("targets").orElseThrow().bytes());

    Path td = dir.resolve("tufjs-targets");
    ok(tufJs.download(md, td, TOP, DELEGATED));
    assertThat(td.resolve(TOP)).hasBinaryContent(TOP_BYTES);
    assertThat(td.resolve(DELEGATED)).hasBinaryContent(DELEGATED_BYTES);
    // the delegated role was fetched under its percent-encoded name and is trusted as served
    assertThat(md.resolve("team%2Freleases.json")).hasBinaryContent(repo.current(DELEGATED_ROLE).orElseThrow().bytes());
  }

  @Test
  void tufJs_readsARepositoryWithoutConsistentSnapshotsUnderItsReposPrefix() throws Exception {
    Client tufJs = tufJs();
    Repository plain = Repository.builder(Dialect.TUF_1_0).name("plain repo").store(repo.store())
        .signingService(signer).consistentSnapshot(false).create();
    plain.addTarget(TOP, DELEGATED_BYTES);
    plain.delegate("targets", DELEGATED_ROLE, Delegation.paths("releases/*/*"));
    plain.addTarget(DELEGATED_ROLE, DELEGATED, TOP_BYTES);
    plain.publish();
    Path root = Files.write(dir.resolve("plain-root.json"), plain.bytes("root", 1));
    Path md = dir.resolve("plain-metadata");
    ok(tufJs.run("--metadata-dir", md.toString(), "init", root.toString()));
    Path td = dir.resolve("plain-targets");
    String base = server.tufUrl(plain.name()).toString();

    ok(tufJs.run("--metadata-url", base + "/metadata", "--metadata-dir", md.toString(), "--target-dir", td.toString(),
        "--target-base-url", base + "/targets", "--target-name", TOP, "--target-name", DELEGATED, "download"));

    assertThat(td.resolve(TOP)).hasBinaryContent(DELEGATED_BYTES);
    assertThat(td.resolve(DELEGATED)).hasBinaryContent(TOP_BYTES);
  }

  @Test
  void tufJs_refusesATamperedTargetAndLeavesNothing() throws Exception {
    Client tufJs = tufJs();
    tamperStoredTarget(TOP_BYTES);
    Path md = tufJs.init("tufjs-tampered");
    Path td = dir.resolve("tufjs-tampered-targets");

    CommandResult r = tufJs.download(md, td, TOP);

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(lastLine(r.stderr())).as(r.toString()).startsWith("ERROR LengthOrHashMismatchError");
    assertThat(filesUnder(td)).isEmpty();
  }

  // ---- sigstore-java ------------------------------------------------------------------------

  @Test
  void sigstoreJava_refreshesAndDownloadsATopLevelTarget() throws Exception {
    Client sigstore = sigstoreJava();
    Path md = sigstore.init("sigstore");

    ok(sigstore.run("--metadata-url", server.url() + "/metadata", "--metadata-dir", md.toString(), "refresh"));
    // sigstore-java stores what it trusts re-serialised (gson): same version, same signatures
    for (String role : List.of("timestamp", "snapshot", "targets")) {
      JsonNode stored = Json.parse(Files.readAllBytes(md.resolve(role + ".json")));
      JsonNode served = Json.parse(repo.current(role).orElseThrow().bytes());
      assertThat(stored.get("signed").get("version")).as(role).isEqualTo(served.get("signed").get("version"));
      assertThat(stored.get("signatures")).as(role).isEqualTo(served.get("signatures"));
    }

    Path td = dir.resolve("sigstore-targets");
    ok(sigstore.download(md, td, TOP));
    assertThat(filesUnder(td)).hasSize(1);
    assertThat(Files.readAllBytes(filesUnder(td).get(0))).isEqualTo(TOP_BYTES);
  }

  @Test
  void sigstoreJava_refusesATamperedTargetAndLeavesNothing() throws Exception {
    Client sigstore = sigstoreJava();
    tamperStoredTarget(TOP_BYTES);
    Path md = sigstore.init("sigstore-tampered");
    Path td = dir.resolve("sigstore-tampered-targets");

    CommandResult r = sigstore.download(md, td, TOP);

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(lastLine(r.stderr())).as(r.toString()).startsWith("ERROR dev.sigstore.tuf.InvalidHashesException");
    assertThat(filesUnder(td)).isEmpty();
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** A client shim speaking the conformance CLI. */
  private final class Client {
    private final List<String> launcher;

    Client(List<String> launcher) {
      this.launcher = launcher;
    }

    CommandResult run(String... args) {
      List<String> cmd = new ArrayList<>(launcher);
      cmd.addAll(List.of(args));
      return CommandRunner.run(cmd, dir, Map.of(), null, TIMEOUT);
    }

    /** A fresh metadata directory trusting version 1 of the repository's root. */
    Path init(String name) throws IOException {
      Path root = Files.write(dir.resolve(name + "-root.json"), repo.bytes("root", 1));
      Path md = dir.resolve(name + "-metadata");
      ok(run("--metadata-dir", md.toString(), "init", root.toString()));
      return md;
    }

    CommandResult download(Path md, Path td, String... targets) {
      List<String> args = new ArrayList<>(List.of("--metadata-url", server.url() + "/metadata", "--metadata-dir", md.toString(),
          "--target-dir", td.toString(), "--target-base-url", server.url() + "/targets"));
      for (String t : targets) {
        args.add("--target-name");
        args.add(t);
      }
      args.add("download");
      return run(args.toArray(String[]::new));
    }
  }

  private Client tufJs() {
    Path home = ProjectPaths.tufJs();
    assumeTrue(Files.isDirectory(home.resolve("node_modules/tuf-js")),
        "tuf-js is not installed: run `npm ci` in " + home + " (or ./run-tests)");
    assumeTrue(CommandRunner.run(List.of("node", "--version"), Duration.ofSeconds(20)).ok(), "node is not on PATH");
    return new Client(List.of(home.resolve("tuf-js-client").toString()));
  }

  private Client sigstoreJava() {
    Path home = ProjectPaths.sigstoreJava();
    assumeTrue(Files.isDirectory(home.resolve("target/classes")) && Files.isDirectory(home.resolve("target/lib")),
        "the sigstore-java shim is not built: run `mvn -q -f scenarios/clients/sigstore-java/pom.xml package -DskipTests`");
    return new Client(List.of(home.resolve("sigstore-java-client").toString()));
  }

  /**
   * Flips the first byte of the stored target (same length, other hash): the server now serves
   * bytes its signed targets metadata does not list, as a compromised mirror or disk would.
   */
  private void tamperStoredTarget(byte[] original) throws IOException {
    Path object = data.resolve(REPO).resolve("objects").resolve(Hashes.sha256(original));
    assertThat(object).as("the file store keeps targets content-addressed").isRegularFile();
    byte[] tampered = original.clone();
    tampered[0] ^= 0x20;
    Files.write(object, tampered);
    RawHttp.Answer served = RawHttp.get(server.port(), "/targets/" + Hashes.sha256(original) + "." + TOP);
    assertThat(served.body()).as("the server now serves the tampered bytes").isEqualTo(tampered);
  }

  private static List<Path> filesUnder(Path td) throws IOException {
    if (!Files.exists(td)) {
      return List.of();
    }
    try (Stream<Path> all = Files.walk(td)) {
      return all.filter(Files::isRegularFile).toList();
    }
  }

  private static String lastLine(String s) {
    List<String> lines = s.strip().lines().toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  private static CommandResult ok(CommandResult r) {
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r;
  }
}
