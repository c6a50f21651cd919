package dev.mallory.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mallory.crypto.ThresholdCheck;
import dev.mallory.dialect.Dialect;
import dev.mallory.model.DelegatedRole;
import dev.mallory.model.Key;
import dev.mallory.model.Metadata;
import dev.mallory.model.Role;
import dev.mallory.model.RoleType;
import dev.mallory.model.Root;
import dev.mallory.model.Snapshot;
import dev.mallory.model.Targets;
import dev.mallory.model.Timestamp;
import dev.mallory.repo.store.Hashes;
import dev.mallory.repo.store.MetadataStore;
import dev.mallory.repo.store.RoleFile;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RepositoryTest {
  private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void createPublishesVersionOneOfEveryRoleSignedByItsKeys(Dialect dialect) {
    Repository repo = Repository.builder(dialect).name("example.com/app").create();
    for (String role : List.of("root", "targets", "snapshot", "timestamp")) {
      assertThat(repo.current(role)).as(role).hasValueSatisfying(f -> assertThat(f.version()).isEqualTo(1));
    }
    Root root = parse(dialect, repo.current("root").get(), Root.class).signed();
    assertThat(reached(dialect, repo.current("root").get(), root, "root")).isTrue();
    assertThat(reached(dialect, repo.current("targets").get(), root, "targets")).isTrue();
    assertThat(reached(dialect, repo.current("snapshot").get(), root, "snapshot")).isTrue();
    assertThat(reached(dialect, repo.current("timestamp").get(), root, "timestamp")).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void addTargetPublishesNewTargetsSnapshotAndTimestampThatPinEachOther(Dialect dialect) {
    Repository repo = Repository.builder(dialect).create();
    repo.addTarget("file.txt", HELLO);
    Publication p = repo.publish();

    assertThat(p.version("targets")).isEqualTo(2);
    assertThat(p.version("snapshot")).isEqualTo(2);
    assertThat(p.version("timestamp")).isEqualTo(2);
    Targets targets = parse(dialect, repo.current("targets").get(), Targets.class).signed();
    assertThat(targets.targets().get("file.txt").hashes()).containsEntry("sha256", Hashes.sha256(HELLO));
    Snapshot snapshot = parse(dialect, repo.current("snapshot").get(), Snapshot.class).signed();
    assertThat(MetaFiles.matches(snapshot.metaFor("targets").orElseThrow(), repo.current("targets").get())).isTrue();
    Timestamp ts = parse(dialect, repo.current("timestamp").get(), Timestamp.class).signed();
    assertThat(MetaFiles.matches(ts.snapshotMeta(), repo.current("snapshot").get())).isTrue();
    assertThat(repo.store().targetByName(repo.name(), "file.txt")).hasValue(HELLO);
    assertThat(repo.store().target(repo.name(), Hashes.sha256(HELLO))).hasValue(HELLO);

    repo.removeTarget("targets", "file.txt");
    repo.publish();
    assertThat(parse(dialect, repo.current("targets").get(), Targets.class).signed().targets()).isEmpty();
    assertThat(repo.store().targetByName(repo.name(), "file.txt")).isEmpty();
    assertThat(repo.history("targets")).extracting(RoleFile::version).containsExactly(1L, 2L, 3L);
  }

  @Test
  void notarySnapshotPinsRootAndEveryRoleByHashAndLength() {
    Repository repo = Repository.builder(Dialect.NOTARY).name("example.com/app").create();
    Snapshot snapshot = parse(Dialect.NOTARY, repo.current("snapshot").get(), Snapshot.class).signed();
    assertThat(snapshot.meta()).containsOnlyKeys("root", "targets");
    assertThat(snapshot.metaFor("root").get().hashes()).containsOnlyKeys("sha256", "sha512");
    assertThat(snapshot.metaFor("root").get().version()).isEmpty();
    assertThat(MetaFiles.matches(snapshot.metaFor("root").get(), repo.current("root").get())).isTrue();
    Timestamp ts = parse(Dialect.NOTARY, repo.current("timestamp").get(), Timestamp.class).signed();
    assertThat(ts.snapshotMeta().hashes()).containsOnlyKeys("sha256", "sha512");
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void rootRotationIsSignedByOldAndNewRootKeys(Dialect dialect) {
    Repository repo = Repository.builder(dialect).rootKeys(2, 2).create();
    Root v1 = repo.root();
    List<String> oldKeys = Edits.ids(repo.keys("root"));
    repo.rotateKeys("root");
    repo.publish();

    RoleFile v2File = repo.current("root").get();
    Root v2 = parse(dialect, v2File, Root.class).signed();
    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.role(RoleType.ROOT).keyIds()).doesNotContainAnyElementsOf(oldKeys).hasSize(2);
    assertThat(reached(dialect, v2File, v1, "root")).as("signed by a threshold of v1's root keys").isTrue();
    assertThat(reached(dialect, v2File, v2, "root")).as("signed by a threshold of its own keys").isTrue();

    repo.touch("root");
    repo.publish();
    RoleFile v3File = repo.current("root").get();
    assertThat(reached(dialect, v3File, v2, "root")).isTrue();
    assertThat(parse(dialect, v3File, Root.class).signatures()).hasSize(2); // old keys sign only across a rotation
  }

  @Test
  void rotatingTargetsAndTimestampKeysPublishesARootListingTheNewKeys() {
    Repository repo = Repository.builder(Dialect.TUF_1_0).create();
    String oldTargets = repo.keys("targets").get(0).keyId();
    String oldTimestamp = repo.root().role(RoleType.TIMESTAMP).keyIds().get(0);
    repo.rotateKeys("targets");
    repo.rotateKeys("timestamp");
    Publication p = repo.publish();
    Root root = parse(Dialect.TUF_1_0, p.file("root").get(), Root.class).signed();
    assertThat(root.role(RoleType.TARGETS).keyIds()).doesNotContain(oldTargets);
    assertThat(root.role(RoleType.TIMESTAMP).keyIds()).doesNotContain(oldTimestamp);
    assertThat(reached(Dialect.TUF_1_0, p.file("targets").get(), root, "targets")).isTrue();
    assertThat(reached(Dialect.TUF_1_0, p.file("timestamp").get(), root, "timestamp")).isTrue();
    assertThat(repo.keys("timestamp")).extracting(k -> k.keyId()).containsExactlyElementsOf(root.role(RoleType.TIMESTAMP).keyIds());
  }

  @Test
  void thresholdChangeAddsKeysAndEveryTrustedKeySigns() {
    Repository repo = Repository.builder(Dialect.TUF_1_0).create();
    repo.setThreshold("targets", 2);
    Publication p = repo.publish();
    Root root = parse(Dialect.TUF_1_0, p.file("root").get(), Root.class).signed();
    assertThat(root.role(RoleType.TARGETS).threshold()).isEqualTo(2);
    assertThat(root.role(RoleType.TARGETS).keyIds()).hasSize(2);
    assertThat(reached(Dialect.TUF_1_0, p.file("targets").get(), root, "targets")).isTrue();
  }

  @Test
  void consistentSnapshotCanBeTurnedOnAndOff() {
    Repository repo = Repository.builder(Dialect.TUF_1_0).consistentSnapshot(true).create();
    assertThat(repo.root().consistentSnapshot()).isTrue();
    repo.setConsistentSnapshot(false);
    repo.publish();
    assertThat(parse(Dialect.TUF_1_0, repo.current("root").get(), Root.class).signed().consistentSnapshot()).isFalse();
    assertThat(repo.version("root", 1)).isPresent(); // every version stays addressable: N.root.json
  }

  @Test
  void delegationsByPathHashPrefixTerminatingAndNested() {
    Repository repo = Repository.builder(Dialect.TUF_1_0).create();
    repo.delegate("targets", "libs", Delegation.paths("lib/*").asTerminating().keys(2, 2));
    repo.delegate("targets", "hashed", Delegation.hashPrefixes("0", "1", "2", "3", "4", "5", "6", "7"));
    repo.delegate("libs", "libs-stable", Delegation.paths("lib/stable-*"));
    repo.addTarget("libs", "lib/a.so", HELLO);
    repo.addTarget("libs-stable", "lib/stable-b.so", HELLO);
    assertThatThrownBy(() -> repo.addTarget("libs", "bin/x", HELLO)).isInstanceOf(IllegalArgumentException.class);
    Publication p = repo.publish();

    Targets top = parse(Dialect.TUF_1_0, p.file("targets").get(), Targets.class).signed();
    DelegatedRole libs = top.delegations().get().role("libs").get();
    assertThat(libs.terminating()).isTrue();
    assertThat(libs.threshold()).isEqualTo(2);
    assertThat(top.delegations().get().role("hashed").get().pathHashPrefixes()).hasSize(8);
    Targets libsMeta = parse(Dialect.TUF_1_0, p.file("libs").get(), Targets.class).signed();
    assertThat(libsMeta.delegations().get().role("libs-stable")).isPresent();
    assertThat(reachedDelegated(p.file("libs").get(), top, "libs")).isTrue();
    assertThat(reachedDelegated(p.file("libs-stable").get(), libsMeta, "libs-stable")).isTrue();
    Snapshot snapshot = parse(Dialect.TUF_1_0, p.file("snapshot").get(), Snapshot.class).signed();
    assertThat(snapshot.meta()).containsOnlyKeys("targets", "libs", "hashed", "libs-stable");

    repo.rotateKeys("libs");
    Publication rotated = repo.publish();
    Targets top2 = parse(Dialect.TUF_1_0, rotated.file("targets").get(), Targets.class).signed();
    assertThat(reachedDelegated(rotated.file("libs").get(), top2, "libs")).isTrue();
    assertThat(reachedDelegated(rotated.file("libs").get(), top, "libs")).as("old keys no longer sign").isFalse();
  }

  @Test
  void succinctHashBinsPublishEveryBinAndPlaceTargetsByHash() {
    Repository repo = Repository.builder(Dialect.TUF_1_0).create();
    List<String> bins = repo.delegateHashBins("targets", 2, "bin", 1, 1);
    assertThat(bins).containsExactly("bin-0", "bin-1", "bin-2", "bin-3");
    String bin = repo.roleFor("targets", "app.tgz").orElseThrow();
    repo.addTarget(bin, "app.tgz", HELLO);
    Publication p = repo.publish();
    for (String b : bins) {
      assertThat(p.file(b)).as(b).isPresent();
    }
    Targets top = parse(Dialect.TUF_1_0, p.file("targets").get(), Targets.class).signed();
    assertThat(top.delegations().get().succinctRoles()).isPresent();
    assertThat(reachedDelegated(p.file(bin).get(), top, bin)).isTrue();
  }

  @Test
  void historyInThePastAndArbitraryVersions() {
    Instant past = Instant.parse("2020-01-01T00:00:00Z");
    Repository repo = Repository.builder(Dialect.TUF_1_0).clock(Clock.fixed(past, ZoneOffset.UTC)).create();
    Timestamp old = parse(Dialect.TUF_1_0, repo.current("timestamp").get(), Timestamp.class).signed();
    assertThat(old.expires()).isEqualTo(past.plus(Duration.ofDays(1)));
    assertThat(old.isExpiredAt(Instant.now())).isTrue();

    repo.setClock(Clock.systemUTC());
    repo.bumpVersion("targets", 10);
    repo.setLifetime("snapshot", Duration.ofMinutes(5));
    Publication p = repo.publish();
    assertThat(p.version("targets")).isEqualTo(10);
    Snapshot s = parse(Dialect.TUF_1_0, p.file("snapshot").get(), Snapshot.class).signed();
    assertThat(s.expires()).isBefore(Instant.now().plus(Duration.ofMinutes(6)));
    assertThat(repo.bytes("timestamp", 1)).isEqualTo(repo.history("timestamp").get(0).bytes());
  }

  @Test
  void twoRepositoriesShareOneStoreAndOneNameCannotBeCreatedTwice() {
    MetadataStore store = MetadataStore.inMemory();
    Repository a = Repository.builder(Dialect.TUF_1_0).name("a").store(store).create();
    Repository.builder(Dialect.NOTARY).name("b").store(store).create();
    assertThat(store.repositories()).containsExactly("a", "b");
    assertThat(a.keys("timestamp")).hasSize(1);
    assertThatThrownBy(() -> Repository.builder(Dialect.TUF_1_0).name("a").store(store).create())
        .isInstanceOf(IllegalStateException.class);
  }

  static <T extends dev.mallory.model.Signed> Metadata<T> parse(Dialect d, RoleFile f, Class<T> type) {
    return d.parse(f.bytes(), type);
  }

  static boolean reached(Dialect d, RoleFile f, Root trusted, String role) {
    Metadata<?> m = d.parse(f.bytes());
    Role r = trusted.role(RoleType.ofName(role).orElseThrow());
    return ThresholdCheck.count(m.signedBytes(), m.signatures(), trusted.keys(), r.keyIds(), r.threshold(), d.keyEncoding()).reached();
  }

  static boolean reachedDelegated(RoleFile f, Targets parent, String role) {
    Metadata<?> m = Dialect.TUF_1_0.parse(f.bytes());
    DelegatedRole r = parent.delegations().get().role(role).orElseThrow();
    Map<String, Key> keys = parent.delegations().get().keys();
    return ThresholdCheck.count(m.signedBytes(), m.signatures(), keys, r.keyIds(), r.threshold(), Dialect.TUF_1_0.keyEncoding()).reached();
  }
}
