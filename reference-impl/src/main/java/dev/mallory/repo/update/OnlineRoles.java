package dev.mallory.repo.update;

import dev.mallory.dialect.Dialect;
import dev.mallory.model.MetaFile;
import dev.mallory.model.RoleType;
import dev.mallory.model.Root;
import dev.mallory.model.Snapshot;
import dev.mallory.model.Timestamp;
import dev.mallory.repo.MetaFiles;
import dev.mallory.repo.RoleSigner;
import dev.mallory.repo.signing.SigningService;
import dev.mallory.repo.store.RoleFile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The snapshot and timestamp a server makes with its online keys after an accepted upload, as
 * notary-server's generateSnapshot/generateTimestamp do: signed by whichever keys the (new) root
 * lists for the role that the signing service holds.
 */
final class OnlineRoles {
  private OnlineRoles() {}

  static String specVersion(Dialect dialect) {
    return dialect == Dialect.TUF_1_0 ? Dialect.SPEC_VERSION : null;
  }

  /** @param roleFiles root (pinned by Notary only), targets and every delegated role, as they will be served */
  static RoleFile snapshot(
      Dialect dialect, String repository, Root root, Map<String, RoleFile> roleFiles, long version, Instant expires, SigningService signer) {
    Map<String, MetaFile> meta = new TreeMap<>();
    roleFiles.forEach((role, file) -> {
      if (!role.equals("root") || dialect == Dialect.NOTARY) {
        meta.put(role, MetaFiles.inSnapshot(dialect, file));
      }
    });
    Snapshot s = new Snapshot(version, expires, specVersion(dialect), meta, Map.of());
    return RoleSigner.sign(dialect, repository, "snapshot", s, List.of(), signer, root.role(RoleType.SNAPSHOT).keyIds());
  }

  static RoleFile timestamp(
      Dialect dialect, String repository, Root root, RoleFile snapshot, long version, Instant expires, SigningService signer) {
    Timestamp t = new Timestamp(version, expires, specVersion(dialect), MetaFiles.inTimestamp(dialect, snapshot), Map.of());
    return RoleSigner.sign(dialect, repository, "timestamp", t, List.of(), signer, root.role(RoleType.TIMESTAMP).keyIds());
  }
}
