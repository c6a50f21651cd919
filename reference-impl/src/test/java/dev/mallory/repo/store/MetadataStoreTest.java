package dev.mallory.repo.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mallory.dialect.Dialect;
import dev.mallory.repo.Repository;
import dev.mallory.repo.signing.LocalSigningService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataStoreTest {
  @TempDir Path dir;

  @Test
  void reopenedStoreServesEveryVersionOfEveryRoleByteForByte() {
    MetadataStore store = MetadataStore.open(dir);
    Repository repo = Repository.builder(Dialect.NOTARY).name("example.com/app").store(store).create();
    repo.addTarget("a", "A".getBytes(StandardCharsets.UTF_8));
    repo.publish();
    repo.rotateKeys("root");
    repo.publish();

    MetadataStore reopened = MetadataStore.open(dir);
    assertThat(reopened.repositories()).containsExactly("example.com/app");
    assertThat(reopened.dialect("example.com/app")).hasValue(Dialect.NOTARY);
    for (String role : store.roles("example.com/app")) {
      List<RoleFile> before = store.history("example.com/app", role);
      List<RoleFile> after = reopened.history("example.com/app", role);
      assertThat(after).as(role).hasSameSizeAs(before);
      for (int i = 0; i < before.size(); i++) {
        assertThat(after.get(i).bytes()).isEqualTo(before.get(i).bytes());
      }
      RoleFile current = store.current("example.com/app", role).orElseThrow();
      assertThat(reopened.byHash("example.com/app", role, current.sha256())).hasValue(current);
    }
    assertThat(reopened.targetByName("example.com/app", "a")).hasValue("A".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void onlineKeysSurviveARestart() {
    LocalSigningService signer = LocalSigningService.open(dir.resolve("keys"));
    var key = signer.publicKey("r", "timestamp", Dialect.NOTARY.keyEncoding());
    LocalSigningService reopened = LocalSigningService.open(dir.resolve("keys"));
    assertThat(reopened.existingKey("r", "timestamp")).hasValue(key);
    String id = reopened.signingKeys("r", "timestamp").get(0).keyId();
    assertThat(reopened.sign("r", List.of(id), new byte[] {1})).hasSize(1);
  }

  @Test
  void anInterruptedCommitLeavesTheCommittedStateUntouched() throws Exception {
    MetadataStore store = MetadataStore.open(dir);
    store.create("r", Dialect.TUF_1_0);
    RoleFile v1 = RoleFile.of("targets", 1, "{\"v\":1}".getBytes(StandardCharsets.UTF_8));
    store.commit("r", List.of(v1));
    // A crash after the objects were written but before the index: an unreferenced object and a
    // stray temp file are on disk, and neither is served.
    Path repoDir = dir.resolve("r");
    Files.write(repoDir.resolve("objects").resolve(Hashes.sha256(new byte[] {9})), new byte[] {9});
    Files.write(repoDir.resolve(".index.json123.tmp"), new byte[] {1, 2});
    MetadataStore reopened = MetadataStore.open(dir);
    assertThat(reopened.current("r", "targets")).hasValue(v1);
    assertThat(reopened.history("r", "targets")).containsExactly(v1);
  }

  @Test
  void writesAreAtomicRenamesThatLeaveNoTempFiles() throws Exception {
    MetadataStore store = MetadataStore.open(dir);
    store.create("r", Dialect.TUF_1_0);
    for (int v = 1; v <= 20; v++) {
      store.commit("r", List.of(RoleFile.of("targets", v, ("{\"v\":" + v + "}").getBytes(StandardCharsets.UTF_8))), Map.of(), List.of());
    }
    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
    assertThat(MetadataStore.open(dir).current("r", "targets").orElseThrow().version()).isEqualTo(20);
  }

  @Test
  void aCommittedVersionCannotBeReplacedWithOtherBytes() {
    MetadataStore store = MetadataStore.inMemory();
    store.create("r", Dialect.TUF_1_0);
    store.commit("r", List.of(RoleFile.of("targets", 1, new byte[] {1})));
    assertThatThrownBy(() -> store.commit("r", List.of(RoleFile.of("targets", 1, new byte[] {2}))))
        .isInstanceOf(IllegalStateException.class);
    assertThat(store.current("r", "targets").orElseThrow().bytes()).containsExactly(1);
  }

  @Test
  void repositoryNamesCannotEscapeTheDataDirectory() {
    MetadataStore store = MetadataStore.open(dir.resolve("data"));
    store.create("../../etc", Dialect.TUF_1_0);
    store.commit("../../etc", List.of(RoleFile.of("root", 1, new byte[] {1})));
    assertThat(Files.exists(dir.resolve("etc"))).isFalse();
    assertThat(MetadataStore.open(dir.resolve("data")).repositories()).containsExactly("../../etc");
  }
}
