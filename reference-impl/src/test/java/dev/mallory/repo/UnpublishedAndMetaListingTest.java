package dev.mallory.repo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallory.dialect.Dialect;
import dev.mallory.model.MetaFile;
import dev.mallory.model.Snapshot;
import dev.mallory.model.Timestamp;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UnpublishedAndMetaListingTest {
  @Test
  void anUnpublishedRepositorySignsItsStagedStateAsVersionOne() {
    Repository repo = Repository.builder(Dialect.TUF_1_0).consistentSnapshot(true).createUnpublished();
    assertThat(repo.current("root")).isEmpty();
    repo.setKeys("root", 2, 2);
    repo.delegate("targets", "app-team", Delegation.paths("app/*"));
    repo.addTarget("app-team", "app/a.tgz", "a".getBytes(StandardCharsets.UTF_8));
    Publication p = repo.publish();
    for (String role : new String[] {"root", "targets", "app-team", "snapshot", "timestamp"}) {
      assertThat(p.version(role)).as(role).isEqualTo(1);
    }
    assertThat(repo.root().role(dev.mallory.model.RoleType.ROOT).keyIds()).hasSize(2);
    assertThat(repo.history("root")).hasSize(1);
  }

  @Test
  void metaListingControlsLengthsAndHashes() {
    Repository all = Repository.builder(Dialect.TUF_1_0).metaListing(MetaListing.ALL_HASHED).create();
    MetaFile targets = snapshot(all).meta().get("targets");
    assertThat(targets.length()).isPresent();
    assertThat(targets.hashes()).containsKey("sha256");

    Repository versions = Repository.builder(Dialect.TUF_1_0).metaListing(MetaListing.VERSIONS_ONLY).create();
    MetaFile snap = Dialect.TUF_1_0.parse(versions.current("timestamp").get().bytes(), Timestamp.class).signed().snapshotMeta();
    assertThat(snap.length()).isEmpty();
    assertThat(snap.hashes()).isEmpty();
    assertThat(snapshot(versions).meta().get("targets").hashes()).isEmpty();
  }

  private static Snapshot snapshot(Repository repo) {
    return Dialect.TUF_1_0.parse(repo.current("snapshot").get().bytes(), Snapshot.class).signed();
  }
}
