package dev.mallory.repo;

import dev.mallory.dialect.Dialect;
import dev.mallory.model.MetaFile;
import dev.mallory.repo.store.Hashes;
import dev.mallory.repo.store.RoleFile;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How a parent role describes a child file, per dialect. TUF 1.0 (4.4, 4.6): the timestamp pins the
 * snapshot by version, length and hash; the snapshot lists each targets role's version. Notary pins
 * everything (root included) by length and sha256+sha512, with no version, and clients fetch the
 * child by that hash.
 */
public final class MetaFiles {
  private MetaFiles() {}

  public static MetaFile inTimestamp(Dialect dialect, RoleFile snapshot) {
    return inTimestamp(dialect, MetaListing.TIMESTAMP_HASHED, snapshot);
  }

  public static MetaFile inSnapshot(Dialect dialect, RoleFile role) {
    return inSnapshot(dialect, MetaListing.TIMESTAMP_HASHED, role);
  }

  /** The timestamp's entry for the snapshot; {@link MetaListing#VERSIONS_ONLY} leaves out length and hash. */
  public static MetaFile inTimestamp(Dialect dialect, MetaListing listing, RoleFile snapshot) {
    if (dialect == Dialect.TUF_1_0 && listing == MetaListing.VERSIONS_ONLY) {
      return MetaFile.ofVersion(snapshot.version());
    }
    return switch (dialect) {
      case TUF_1_0 -> new MetaFile(
          OptionalLong.of(snapshot.version()), OptionalLong.of(snapshot.length()), Map.of("sha256", snapshot.sha256()));
      case NOTARY -> pinned(snapshot);
    };
  }

  /** The snapshot's entry for a targets role; {@link MetaListing#ALL_HASHED} adds length and hash (4.4). */
  public static MetaFile inSnapshot(Dialect dialect, MetaListing listing, RoleFile role) {
    return switch (dialect) {
      case TUF_1_0 -> listing == MetaListing.ALL_HASHED
          ? new MetaFile(OptionalLong.of(role.version()), OptionalLong.of(role.length()), Map.of("sha256", role.sha256()))
          : MetaFile.ofVersion(role.version());
      case NOTARY -> pinned(role);
    };
  }

  /** Does the file match everything the meta entry states (version, length, each listed hash)? */
  public static boolean matches(MetaFile meta, RoleFile file) {
    if (meta.version().isPresent() && meta.version().getAsLong() != file.version()) {
      return false;
    }
    if (meta.length().isPresent() && meta.length().getAsLong() != file.length()) {
      return false;
    }
    for (Map.Entry<String, String> hash : meta.hashes().entrySet()) {
      String actual =
          switch (hash.getKey()) {
            case "sha256" -> file.sha256();
            case "sha512" -> Hashes.sha512(file.bytes());
            default -> null; // an algorithm we cannot check is not evidence of a match
          };
      if (actual == null || !actual.equals(hash.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static MetaFile pinned(RoleFile file) {
    return new MetaFile(OptionalLong.empty(), OptionalLong.of(file.length()), Hashes.sha256And512(file.bytes()));
  }
}
