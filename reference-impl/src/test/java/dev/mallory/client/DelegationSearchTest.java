package dev.mallory.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mallory.client.errors.ExpiredMetadataException;
import dev.mallory.client.errors.RoleNotInSnapshotException;
import dev.mallory.client.errors.RollbackException;
import dev.mallory.client.errors.UnsignedMetadataException;
import dev.mallory.crypto.SigningKey;
import dev.mallory.model.MetaFile;
import dev.mallory.model.Snapshot;
import dev.mallory.model.Timestamp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Checklist 27-36: delegated roles and the pre-order depth-first search (spec 5.6, 5.6.7). */
class DelegationSearchTest extends ClientTestBase {

  private static final byte[] CONTENT = "content".getBytes(StandardCharsets.UTF_8);

  /** The delegated-role requests, as role names, in order. */
  private List<String> delegatedRequests() {
    return server.requestsUnder("/metadata/").stream()
        .map(p -> p.substring("/metadata/".length()))
        .filter(p -> !p.matches("\\d+\\.(root|snapshot|targets)\\.json") && !p.equals("timestamp.json"))
        .map(p -> p.replaceFirst("^\\d+\\.", "").replaceFirst("\\.json$", ""))
        .toList();
  }

  @Test
  void search_isPreOrderDepthFirstInListedOrder() {
    repo.addDelegation("targets", "A", List.of("*"), false);
    repo.addDelegation("targets", "B", List.of("*"), false);
    repo.addDelegation("A", "C", List.of("*"), false);
    repo.addDelegation("A", "D", List.of("*"), false);
    repo.publish();

    assertThat(updater().getTargetInfo("missing")).isEmpty();

    assertThat(delegatedRequests()).containsExactly("A", "C", "D", "B");
  }

  @Test
  void search_findsTargetInDelegatedRoleAndReportsWhichRoleListedIt() {
    repo.addDelegation("targets", "A", List.of("*"), false);
    repo.addTarget("A", "file.txt", CONTENT);
    repo.publish();

    Optional<TargetInfo> info = updater().getTargetInfo("file.txt");

    assertThat(info).isPresent();
    assertThat(info.get().role()).isEqualTo("A");
    assertThat(info.get().file().length()).isEqualTo(CONTENT.length);
    assertThat(trustedVersion("A")).isEqualTo(1);
  }

  @Test
  void search_firstMatchingDelegationWins() {
    repo.addDelegation("targets", "A", List.of("*"), false);
    repo.addDelegation("targets", "B", List.of("*"), false);
    repo.addTarget("A", "file.txt", CONTENT);
    repo.addTarget("B", "file.txt", "other".getBytes(StandardCharsets.UTF_8));
    repo.publish();

    assertThat(updater().getTargetInfo("file.txt").orElseThrow().role()).isEqualTo("A");
    assertThat(delegatedRequests()).containsExactly("A");
  }

  @Test
  void search_terminatingDelegation_stopsBacktracking() {
    repo.addDelegation("targets", "A", List.of("*"), true);
    repo.addDelegation("targets", "B", List.of("*"), false);
    repo.addTarget("B", "file.txt", CONTENT);
    repo.publish();

    assertThat(updater().getTargetInfo("file.txt")).isEmpty();
    assertThat(delegatedRequests()).containsExactly("A");
  }

  @Test
  void search_nonMatchingPaths_areNotFollowed() {
    repo.addDelegation("targets", "A", List.of("*.md"), false);
    repo.addDelegation("targets", "B", List.of("*.txt"), false);
    repo.addTarget("B", "file.txt", CONTENT);
    repo.publish();

    assertThat(updater().getTargetInfo("file.txt")).isPresent();
    assertThat(delegatedRequests()).containsExactly("B");
  }

  @Test
  void search_targetMustBeInsideThePathsOfEveryRoleOnTheChain() {
    repo.addDelegation("targets", "A", List.of("releases/*"), false);
    repo.addDelegation("A", "B", List.of("*/*"), false);
    repo.addTarget("B", "other/x.zip", CONTENT);
    repo.addTarget("B", "releases/y.zip", CONTENT);
    repo.publish();
    Updater updater = updater();

    assertThat(updater.getTargetInfo("other/x.zip")).isEmpty();
    assertThat(updater.getTargetInfo("releases/y.zip")).isPresent();
  }

  @Test
  void search_wildcardDoesNotMatchSeparatorAndIsCaseSensitive() {
    repo.addDelegation("targets", "A", List.of("*.tgz"), false);
    repo.addTarget("A", "dir/file.tgz", CONTENT);
    repo.addTarget("A", "FILE.TGZ", CONTENT);
    repo.addTarget("A", "file.tgz", CONTENT);
    repo.publish();
    Updater updater = updater();

    assertThat(updater.getTargetInfo("dir/file.tgz")).isEmpty();
    assertThat(updater.getTargetInfo("FILE.TGZ")).isEmpty();
    assertThat(updater.getTargetInfo("file.tgz")).isPresent();
  }

  @Test
  void search_cycle_visitsEachRoleOnce() {
    SigningKey keyA = repo.newKey();
    repo.addDelegation("targets", "A", List.of("*"), null, false, keyA);
    repo.addDelegation("A", "B", List.of("*"), false);
    repo.addDelegation("B", "A", List.of("*"), null, false, keyA);
    repo.publish();

    assertThat(updater().getTargetInfo("missing")).isEmpty();
    assertThat(delegatedRequests()).containsExactly("A", "B");
  }

  @Test
  void search_stopsAfterMaxDelegations() {
    repo.addDelegation("targets", "A", List.of("*"), false);
    repo.addDelegation("A", "B", List.of("*"), false);
    repo.addDelegation("B", "C", List.of("*"), false);
    repo.addDelegation("C", "D", List.of("*"), false);
    repo.addTarget("D", "file.txt", CONTENT);
    repo.publish();

    Optional<TargetInfo> info = updater(UpdaterConfig.DEFAULTS.withMaxDelegations(4)).getTargetInfo("file.txt");

    assertThat(info).isEmpty();
    assertThat(delegatedRequests()).containsExactly("A", "B", "C");
  }

  @Test
  void diamond_roleReachedThroughSecondDelegator_isVerifiedWithThatDelegatorsKeys() {
    SigningKey keyViaA = repo.newKey();
    SigningKey keyViaB = repo.newKey();
    repo.addDelegation("targets", "A", List.of("a/*"), false);
    repo.addDelegation("targets", "B", List.of("b/*"), false);
    repo.addDelegation("A", "C", List.of("a/*"), null, false, keyViaA);
    repo.addDelegation("B", "C", List.of("b/*"), null, false, keyViaB);
    repo.role("C").signers = List.of(keyViaA); // valid via A, not via B
    repo.addTarget("C", "a/one", CONTENT);
    repo.addTarget("C", "b/two", CONTENT);
    repo.publish();
    Updater updater = updater();

    assertThat(updater.getTargetInfo("a/one")).isPresent();
    assertThatThrownBy(() -> updater.getTargetInfo("b/two"))
        .isInstanceOfSatisfying(UnsignedMetadataException.class, e -> {
          assertThat(e.role()).isEqualTo("C");
          assertThat(e.signedBy()).isEqualTo("B");
        });
    // a fresh client with C cached on disk must not trust it through B either
    assertThatThrownBy(() -> updater().getTargetInfo("b/two")).isInstanceOf(UnsignedMetadataException.class);
  }

  @Test
  void delegatedRole_unsigned_stopsTheSearchAndIsNotPersisted() {
    repo.addDelegation("targets", "A", List.of("*"), false);
    repo.addDelegation("targets", "B", List.of("*"), false);
    repo.role("A").signers = List.of(repo.newKey());
    repo.addTarget("B", "file.txt", CONTENT);
    repo.publish();

    assertThatThrownBy(() -> updater().getTargetInfo("file.txt")).isInstanceOf(UnsignedMetadataException.class);

    assertThat(delegatedRequests()).containsExactly("A");
    assertThat(trustedVersion("A")).isEqualTo(-1);
  }

  @Test
  void delegatedRole_versionDifferentFromSnapshot_isRefused() {
    repo.addDelegation("targets", "A", List.of("*"), false);
    repo.role("A").version = 2;
    repo.publish();
    repo.files.put("/metadata/2.A.json", repo.files.get("/metadata/1.A.json") == null
        ? repo.signTargets("A", withVersion(repo.role("A"), 1)).raw() : repo.files.get("/metadata/1.A.json"));

    RollbackException e = catchSearch(RollbackException.class);

    assertThat(e.role()).isEqualTo("A");
    assertThat(e.expected()).isEqualTo(2);
    assertThat(e.found()).hasValue(1);
    assertThat(trustedVersion("A")).isEqualTo(-1);
  }

  private static TestRepository.RoleState withVersion(TestRepository.RoleState state, long version) {
    state.version = version;
    return state;
  }

  @Test
  void delegatedRole_expired_isRefused() {
    repo.addDelegation("targets", "A", List.of("*"), false);
    repo.role("A").expires = NOW.minus(Duration.ofMinutes(1));
    repo.publish();

    ExpiredMetadataException e = catchSearch(ExpiredMetadataException.class);

    assertThat(e.role()).isEqualTo("A");
    assertThat(trustedVersion("A")).isEqualTo(-1);
  }

  @Test
  void delegatedRole_missingFromSnapshot_isRefusedWithoutARequest() {
    repo.addDelegation("targets", "A", List.of("*"), false);
    repo.publish();
    Map<String, MetaFile> meta = new LinkedHashMap<>(((Snapshot) repo.signed.get("snapshot").signed()).meta());
    meta.remove("A");
    Snapshot s = new Snapshot(2, repo.snapshotExpires, repo.specVersion(), meta, Map.of());
    repo.files.put("/metadata/2.snapshot.json", repo.dialect.sign(s, repo.topLevelSigners.get("snapshot")).raw());
    Timestamp ts = new Timestamp(2, repo.timestampExpires, repo.specVersion(), MetaFile.ofVersion(2), Map.of());
    repo.files.put("/metadata/timestamp.json", repo.dialect.sign(ts, repo.topLevelSigners.get("timestamp")).raw());

    RoleNotInSnapshotException e = catchSearch(RoleNotInSnapshotException.class);

    assertThat(e.role()).isEqualTo("A");
    assertThat(delegatedRequests()).isEmpty();
  }

  @Test
  void delegatedRole_rollbackInSnapshot_isRefused() {
    repo.addDelegation("targets", "A", List.of("*"), false);
    repo.role("A").version = 2;
    repo.publish();
    refresh();
    repo.role("A").version = 1;
    repo.snapshotVersion = 2;
    repo.timestampVersion = 2;
    repo.publish();

    RollbackException e = refreshFails(RollbackException.class);

    assertThat(e.role()).isEqualTo("A");
    assertThat(e.kind()).isEqualTo(RollbackException.Kind.DECREASED);
  }

  @Test
  void unusualRoleNames_arePercentEncodedInUrlsAndFileNames() throws Exception {
    for (String name : List.of("../x", "?", "#", "/delegatedrole", "..")) {
      repo.addDelegation("targets", name, List.of("*"), false);
    }
    repo.publish();

    assertThat(updater().getTargetInfo("missing")).isEmpty();

    assertThat(delegatedRequests()).containsExactly("..%2Fx", "%3F", "%23", "%2Fdelegatedrole", "..");
    assertThat(metadataDir.toFile().list()).contains("..%2Fx.json", "%3F.json", "%23.json", "%2Fdelegatedrole.json", "...json");
    try (var all = Files.walk(tmp)) {
      assertThat(all.filter(p -> p.getFileName().toString().equals("x.json"))).isEmpty();
    }
  }

  @Test
  void pathHashPrefixes_selectTheRightBin() {
    String path = "file.txt";
    String digest = TestRepository.hex("SHA-256", path.getBytes(StandardCharsets.UTF_8));
    String other = digest.charAt(0) == '0' ? "1" : "0";
    repo.addDelegation("targets", "bin-other", null, List.of(other), false, repo.newKey());
    repo.addDelegation("targets", "bin-mine", null, List.of(digest.substring(0, 1)), false, repo.newKey());
    repo.addTarget("bin-mine", path, CONTENT);
    repo.publish();

    assertThat(updater().getTargetInfo(path).orElseThrow().role()).isEqualTo("bin-mine");
    assertThat(delegatedRequests()).containsExactly("bin-mine");
  }

  @Test
  void succinctHashBins_fetchExactlyOneBin() {
    repo.addSuccinctDelegation("targets", 8, "bin");
    String bin = repo.role("targets").succinct.roleNameForTarget("bar");
    repo.addTarget(bin, "bar", CONTENT);
    repo.publish();

    assertThat(updater().getTargetInfo("bar").orElseThrow().role()).isEqualTo(bin);
    assertThat(bin).isEqualTo("bin-fc");
    assertThat(delegatedRequests()).containsExactly("bin-fc");
  }

  private <T extends Throwable> T catchSearch(Class<T> type) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> updater().getTargetInfo("file.txt"));
    assertThat(t).isInstanceOf(type);
    return type.cast(t);
  }
}
