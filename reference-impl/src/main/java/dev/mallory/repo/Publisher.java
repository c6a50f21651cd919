package dev.mallory.repo;

import dev.mallory.crypto.SigningKey;
import dev.mallory.dialect.Dialect;
import dev.mallory.model.MetaFile;
import dev.mallory.model.RoleType;
import dev.mallory.model.Snapshot;
import dev.mallory.model.Targets;
import dev.mallory.model.Timestamp;
import dev.mallory.repo.store.RoleFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One publication of a {@link Repository}: sign what is staged, children before parents. */
final class Publisher {
  private final Repository repo;
  private final List<RoleFile> files = new ArrayList<>();
  private final Map<String, RoleFile> written = new LinkedHashMap<>();

  Publisher(Repository repo) {
    this.repo = repo;
  }

  Publication publish() {
    Instant now = repo.now();
    if (repo.rootDirty) {
      repo.root = Edits.rootVersion(repo.root, repo.nextVersion("root"), now.plus(repo.lifetimes.of("root")));
      add(RoleSigner.sign(repo.dialect, repo.name, "root", repo.root, rootSigners(), null, List.of(), repo.invalid));
    }
    for (String role : new ArrayList<>(repo.targetsRoles.keySet())) {
      if (repo.pending.dirty.contains(role)) {
        Targets t = Edits.targetsVersion(repo.targetsRoles.get(role), repo.nextVersion(role), now.plus(repo.lifetimes.of(role)));
        repo.targetsRoles.put(role, t);
        add(RoleSigner.sign(repo.dialect, repo.name, role, t, repo.keys.get(role), null, List.of(), repo.invalid));
      }
    }
    boolean rootInSnapshot = repo.dialect == Dialect.NOTARY && written.containsKey("root");
    boolean targetsChanged = written.keySet().stream().anyMatch(r -> !r.equals("root"));
    if (targetsChanged || rootInSnapshot || repo.pending.snapshotDirty || repo.current("snapshot").isEmpty()) {
      add(snapshot(now));
    }
    add(timestamp(now, latest("snapshot")));
    repo.store.commit(repo.name, files, repo.pending.addedTargets, repo.pending.removedTargets);
    repo.rootDirty = false;
    repo.previousRootKeys = List.of();
    repo.pending.clear();
    return new Publication(files);
  }

  Publication refreshTimestamp() {
    add(timestamp(repo.now(), latest("snapshot")));
    repo.store.commit(repo.name, files);
    return new Publication(files);
  }

  private RoleFile snapshot(Instant now) {
    Map<String, MetaFile> meta = new TreeMap<>();
    if (repo.dialect == Dialect.NOTARY) {
      meta.put("root", MetaFiles.inSnapshot(repo.dialect, latest("root"))); // Notary pins root too
    }
    for (String role : repo.targetsRoles.keySet()) {
      meta.put(role, MetaFiles.inSnapshot(repo.dialect, repo.metaListing, latest(role)));
    }
    Snapshot s = new Snapshot(repo.nextVersion("snapshot"), now.plus(repo.lifetimes.of("snapshot")), repo.specVersion(), meta, Map.of());
    return sign("snapshot", s, repo.keys.get("snapshot"));
  }

  private RoleFile timestamp(Instant now, RoleFile snapshot) {
    Timestamp t =
        new Timestamp(
            repo.nextVersion("timestamp"),
            now.plus(repo.lifetimes.of("timestamp")),
            repo.specVersion(),
            MetaFiles.inTimestamp(repo.dialect, repo.metaListing, snapshot),
            Map.of());
    return sign("timestamp", t, repo.keys.get("timestamp"));
  }

  private RoleFile sign(String role, dev.mallory.model.Signed signed, List<SigningKey> offline) {
    List<String> onlineIds = repo.isOnline(role) ? repo.root.role(RoleType.ofName(role).orElseThrow()).keyIds() : List.of();
    return RoleSigner.sign(repo.dialect, repo.name, role, signed, offline, repo.signer, onlineIds, repo.invalid);
  }

  /** Root is signed by its new keys and, across a rotation, by the previous root's keys too. */
  private List<SigningKey> rootSigners() {
    Map<String, SigningKey> signers = new LinkedHashMap<>();
    repo.keys.get("root").forEach(k -> signers.put(k.keyId(), k));
    repo.previousRootKeys.forEach(k -> signers.putIfAbsent(k.keyId(), k));
    return List.copyOf(signers.values());
  }

  private RoleFile latest(String role) {
    RoleFile f = written.get(role);
    return f != null ? f : repo.current(role).orElseThrow(() -> new IllegalStateException("no " + role + " to pin"));
  }

  private void add(RoleFile f) {
    files.add(f);
    written.put(f.role(), f);
  }
}
