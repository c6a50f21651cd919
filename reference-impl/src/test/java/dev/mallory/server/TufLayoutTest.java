package dev.mallory.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallory.dialect.Dialect;
import dev.mallory.json.Json;
import dev.mallory.model.Root;
import dev.mallory.repo.Delegation;
import dev.mallory.repo.Repository;
import dev.mallory.repo.signing.LocalSigningService;
import dev.mallory.repo.store.Hashes;
import dev.mallory.repo.store.MetadataStore;
import dev.mallory.repo.store.RoleFile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TUF 1.0 URL layout (spec 5.2-5.7 and 6) as MalloryServer serves it over real HTTP: consistent
 * snapshots on ({@code N.ROLE.json}, {@code targets/DIR/SHA256.NAME}) and off ({@code ROLE.json},
 * {@code targets/PATH}), the timestamp always at {@code timestamp.json}, delegated role names
 * percent-encoded, the {@code /repos/<name>/} prefix, and 404 for everything else. Every byte served
 * is compared with what the repository recorded.
 */
class TufLayoutTest {
  private static final byte[] TOP = bytes("top-level target\n");
  private static final byte[] NESTED = bytes("nested target\n");
  private static final byte[] AB = bytes("listed by role a/b\n");
  private static final byte[] DOTDOT = bytes("listed by role ../x\n");
  private static final byte[] TOP2 = bytes("second publication\n");
  private static final List<String> ROLES = List.of("root", "targets", "snapshot", "a/b", "../x");

  @TempDir Path dir;
  private MetadataStore store;
  private MalloryServer server;
  private Repository consistent;
  private Repository plain;

  @BeforeEach
  void twoRepositoriesOneServer() {
    store = MetadataStore.open(dir.resolve("data"));
    LocalSigningService signer = LocalSigningService.inMemory();
    consistent = publishTwice("default", true, signer);
    plain = publishTwice("plain", false, signer);
    server = MalloryServer.start(ServerConfig.defaults().withPort(0), store, signer, Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Two publications, so every role has versions 1 and 2 (or more) and "current" is not "first". */
  private Repository publishTwice(String name, boolean consistentSnapshot, LocalSigningService signer) {
    Repository repo = Repository.builder(Dialect.TUF_1_0).name(name).store(store).signingService(signer)
        .consistentSnapshot(consistentSnapshot).create();
    repo.addTarget("top.bin", TOP);
    repo.addTarget("dir/sub/file.txt", NESTED);
    repo.delegate("targets", "a/b", Delegation.paths("ab/*"));
    repo.delegate("targets", "../x", Delegation.paths("x/*"));
    repo.addTarget("a/b", "ab/one.txt", AB);
    repo.addTarget("../x", "x/two.txt", DOTDOT);
    repo.publish();
    repo.addTarget("top2.bin", TOP2);
    repo.touch("root");
    repo.touch("a/b");
    repo.touch("../x");
    repo.publish();
    return repo;
  }

  // ---- consistent snapshots on ----------------------------------------------------------------

  @Test
  void consistentSnapshots_everyVersionOfEveryRoleIsServedAtNRoleJson() throws Exception {
    assertThat(parseRoot(consistent).consistentSnapshot()).isTrue();
    for (String role : ROLES) {
      List<RoleFile> history = consistent.history(role);
      assertThat(history).as(role).hasSizeGreaterThanOrEqualTo(2);
      for (RoleFile f : history) {
        for (String encoded : encodings(role)) {
          String path = "/metadata/" + f.version() + "." + encoded + ".json";
          assertThat(ok(path)).as(path).isEqualTo(consistent.bytes(role, f.version()));
        }
      }
    }
  }

  @Test
  void consistentSnapshots_targetsAreServedAtDirSlashSha256DotName() throws Exception {
    assertThat(ok("/targets/" + Hashes.sha256(TOP) + ".top.bin")).isEqualTo(TOP);
    assertThat(ok("/targets/" + Hashes.sha256(TOP2) + ".top2.bin")).isEqualTo(TOP2);
    assertThat(ok("/targets/dir/sub/" + Hashes.sha256(NESTED) + ".file.txt")).isEqualTo(NESTED);
    assertThat(ok("/targets/ab/" + Hashes.sha256(AB) + ".one.txt")).isEqualTo(AB);
    assertThat(ok("/targets/x/" + Hashes.sha256(DOTDOT) + ".two.txt")).isEqualTo(DOTDOT);
    // tuf-js encodes nothing in a target path but asks for DIR/HASH.NAME; other clients encode the slash
    assertThat(ok("/targets/dir%2Fsub%2F" + Hashes.sha256(NESTED) + ".file.txt")).isEqualTo(NESTED);
  }

  @Test
  void timestampIsAlwaysUnversionedAndTheLatest() throws Exception {
    for (Repository repo : List.of(consistent, plain)) {
      RoleFile latest = repo.current("timestamp").orElseThrow();
      assertThat(latest.version()).isGreaterThanOrEqualTo(2);
      String prefix = repo == consistent ? "" : "/repos/plain";
      assertThat(ok(prefix + "/metadata/timestamp.json")).as(repo.name()).isEqualTo(latest.bytes());
    }
    // a third publication moves timestamp.json on, under the same name
    consistent.addTarget("later.bin", bytes("later"));
    consistent.publish();
    assertThat(ok("/metadata/timestamp.json")).isEqualTo(consistent.current("timestamp").orElseThrow().bytes());
  }

  @Test
  void defaultRepositoryIsServedBothAtTheRootAndUnderReposDefault() throws Exception {
    for (String role : ROLES) {
      String file = "/metadata/1." + encodings(role).get(0) + ".json";
      assertThat(ok("/repos/default" + file)).as(role).isEqualTo(ok(file)).isEqualTo(consistent.bytes(role, 1));
    }
    assertThat(ok("/repos/default/targets/" + Hashes.sha256(TOP) + ".top.bin")).isEqualTo(TOP);
  }

  // ---- consistent snapshots off ---------------------------------------------------------------

  @Test
  void plainLayout_currentRoleJsonAndTargetsByPath_underReposPrefix() throws Exception {
    assertThat(parseRoot(plain).consistentSnapshot()).isFalse();
    for (String role : ROLES) {
      for (String encoded : encodings(role)) {
        String path = "/repos/plain/metadata/" + encoded + ".json";
        assertThat(ok(path)).as(path).isEqualTo(plain.current(role).orElseThrow().bytes());
      }
    }
    assertThat(ok("/repos/plain/targets/top.bin")).isEqualTo(TOP);
    assertThat(ok("/repos/plain/targets/top2.bin")).isEqualTo(TOP2);
    assertThat(ok("/repos/plain/targets/dir/sub/file.txt")).isEqualTo(NESTED);
    assertThat(ok("/repos/plain/targets/ab/one.txt")).isEqualTo(AB);
    assertThat(ok("/repos/plain/targets/x/two.txt")).isEqualTo(DOTDOT);
    // the prefix selects the repository: the default one has other keys, other bytes
    assertThat(ok("/repos/plain/metadata/root.json")).isNotEqualTo(ok("/metadata/root.json"));
    assertThat(ok("/repos/plain/metadata/1.root.json")).isEqualTo(plain.bytes("root", 1));
  }

  @Test
  void tufUrlOfTheServerReachesRepositoriesWhoseNamesNeedEncoding() throws Exception {
    LocalSigningService signer = LocalSigningService.inMemory();
    try (MalloryServer other = MalloryServer.start(ServerConfig.defaults(), store, signer, Clock.systemUTC())) {
      for (String name : List.of("team a", "org/app", "a+b", "50%", "ünïcode")) {
        Repository repo = Repository.builder(Dialect.TUF_1_0).name(name).store(store).signingService(signer).create();
        URI url = URI.create(other.tufUrl(name) + "/metadata/1.root.json");
        RawHttp.Answer a = RawHttp.get(other.port(), url.getRawPath());
        assertThat(a.status()).as(name + " at " + url).isEqualTo(200);
        assertThat(a.body()).as(name).isEqualTo(repo.bytes("root", 1));
      }
    }
  }

  // ---- what is not there, and what must not escape ------------------------------------------

  @Test
  void unknownFilesRolesVersionsAndRepositoriesAre404MetadataNotFound() throws Exception {
    for (String path : List.of(
        "/metadata/99.root.json", "/metadata/0.root.json", "/metadata/9999999999999999999.root.json", "/metadata/nosuch.json", "/metadata/1.nosuch.json",
        "/metadata/1.x.json", "/metadata/x.json", "/metadata/a.json", "/metadata/1.a.json", // prefixes of real roles
        "/metadata/root", "/metadata/1.root", "/metadata/", "/metadata", "/targets/", "/targets",
        "/targets/nosuch.bin", "/targets/" + "0".repeat(64) + ".top.bin", "/targets/top.bin.extra",
        "/repos/nosuch/metadata/root.json", "/repos/nosuch/metadata/timestamp.json", "/repos/", "/repos/plain",
        "/repos/plain/", "/repos/plain/elsewhere/root.json", "/elsewhere", "/",
        "/v2/plain/_trust/tuf/9999999999999999999.root.json")) {
      RawHttp.Answer a = RawHttp.get(server.port(), path);
      assertThat(a.status()).as(path).isEqualTo(404);
      assertThat(Json.parse(a.body()).get("errors").get(0).get("code").asText()).as(path).isEqualTo("METADATA_NOT_FOUND");
    }
  }

  @Test
  void roleNamesWithSlashesAndDotsNeverLetARequestPathEscape() throws Exception {
    String rootSha = consistent.current("root").orElseThrow().sha256();
    for (String path : List.of(
        // an unencoded slash in a metadata file name is never a role name
        "/metadata/1.a/b.json", "/metadata/1.../x.json", "/metadata/a/b.json", "/metadata/../x.json",
        // dot segments are not resolved: they name nothing
        "/metadata/../metadata/1.root.json", "/metadata/./1.root.json", "/targets/../metadata/1.root.json",
        "/repos/plain/../../metadata/1.root.json", "/repos/../metadata/1.root.json", "/repos/./metadata/1.root.json",
        "/repos/plain/metadata/../../metadata/1.root.json", "/repos/plain/targets/../../targets/top.bin",
        // encoded traversal reaches the store only as a lookup key, never as a file path
        "/metadata/1.%2E%2E%2F%2E%2E%2Fdefault%2Findex.json", "/metadata/..%2F..%2Fdefault%2Findex.json",
        "/metadata/..%2Fdefault%2Findex.json", "/targets/..%2F..%2Fdefault%2Findex.json",
        "/targets/%2E%2E/%2E%2E/default/index.json", "/targets/../../default/objects/" + rootSha,
        "/repos/..%2Fdata%2Fdefault/metadata/root.json", "/repos/%2E%2E/metadata/root.json",
        "/repos/..%2F..%2F..%2F..%2F..%2Fetc/metadata/passwd.json",
        // metadata objects share the content store with targets but are not targets
        "/targets/" + rootSha + ".root.json", "/repos/plain/targets/" + plain.current("root").orElseThrow().sha256() + ".x",
        // a role named ../x is only served under its own (encoded) name
        "/metadata/1.x.json", "/metadata/x.json", "/metadata/1.%2Fx.json", "/metadata/1.b.json")) {
      RawHttp.Answer a = RawHttp.get(server.port(), path);
      assertThat(a.status()).as(path + " -> " + a.text()).isEqualTo(404);
    }
  }

  @Test
  void malformedPercentEncodingIsAClientError() throws Exception {
    for (String path : List.of("/metadata/1.%zz.json", "/metadata/%.json", "/targets/%E0%A4%A", "/repos/%G0/metadata/root.json",
        "/repos/plain/targets/%")) {
      RawHttp.Answer a = RawHttp.get(server.port(), path);
      assertThat(a.status()).as(path + " -> " + a.text()).isBetween(400, 499);
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  private byte[] ok(String path) throws Exception {
    RawHttp.Answer a = RawHttp.get(server.port(), path);
    assertThat(a.status()).as("GET " + path + " -> " + a.text()).isEqualTo(200);
    return a.body();
  }

  /** The spec's percent-encoding of a role name, both strict (every reserved byte) and as tuf-js sends it. */
  private static List<String> encodings(String role) {
    StringBuilder strict = new StringBuilder();
    for (byte b : role.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
        strict.append(c);
      } else {
        strict.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    String js = role.replace("/", "%2F"); // encodeURIComponent leaves '.' alone
    return strict.toString().equals(js) ? List.of(js) : List.of(js, strict.toString());
  }

  private static Root parseRoot(Repository repo) {
    return Dialect.TUF_1_0.parse(repo.current("root").orElseThrow().bytes(), Root.class).signed();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
