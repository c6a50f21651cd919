package dev.mallory.repo.update;

import dev.mallory.crypto.ThresholdCheck;
import dev.mallory.dialect.Dialect;
import dev.mallory.json.MalformedJsonException;
import dev.mallory.model.DelegatedRole;
import dev.mallory.model.Key;
import dev.mallory.model.MetaFile;
import dev.mallory.model.Metadata;
import dev.mallory.model.MetadataFormatException;
import dev.mallory.model.Role;
import dev.mallory.model.RoleType;
import dev.mallory.model.Root;
import dev.mallory.model.Signed;
import dev.mallory.model.Snapshot;
import dev.mallory.model.Targets;
import dev.mallory.repo.MetaFiles;
import dev.mallory.repo.store.RoleFile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks an upload against what the repository serves now, in notary-server's order
 * (validateUpdate): root first, then targets roles parents before children, then snapshot. Every
 * check runs before anything is stored; the first failure throws its typed
 * {@link UpdateRejectedException}.
 */
final class UpdateValidator {
  private final Dialect dialect;
  private final Instant now;
  private final CurrentState current;
  private final Map<String, RoleFile> uploaded = new LinkedHashMap<>();
  private final Map<String, Metadata<? extends Signed>> parsed = new LinkedHashMap<>();

  /** What is served now: role name to current file. */
  interface CurrentState {
    Optional<RoleFile> current(String role);

    List<String> roles();
  }

  UpdateValidator(Dialect dialect, Instant now, CurrentState current) {
    this.dialect = dialect;
    this.now = now;
    this.current = current;
  }

  /** @return the effective root after the update */
  Root validate(Map<String, byte[]> files) {
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      String role = e.getKey();
      RoleNames.checkUploadable(role);
      Metadata<? extends Signed> m = parse(role, e.getValue());
      parsed.put(role, m);
      uploaded.put(role, RoleFile.of(role, m.version(), e.getValue()));
    }
    Root root = validateRoot();
    List<String> targetsRoles = new ArrayList<>(parsed.keySet());
    targetsRoles.removeIf(r -> r.equals("root") || r.equals("snapshot"));
    targetsRoles.sort(Comparator.comparingInt((String r) -> r.split("/").length).thenComparing(r -> r));
    for (String role : targetsRoles) {
      validateTargets(role, root);
    }
    if (parsed.containsKey("snapshot")) {
      validateSnapshot(root);
    }
    return root;
  }

  /** Role name to the file that will be served for it once the update is applied. */
  Map<String, RoleFile> resultingFiles() {
    Map<String, RoleFile> files = new LinkedHashMap<>();
    for (String role : current.roles()) {
      if (!role.equals("timestamp")) {
        current.current(role).ifPresent(f -> files.put(role, f));
      }
    }
    files.putAll(uploaded);
    return files;
  }

  List<RoleFile> uploadedFiles() {
    return List.copyOf(uploaded.values());
  }

  private Metadata<? extends Signed> parse(String role, byte[] bytes) {
    Metadata<? extends Signed> m;
    try {
      m = dialect.parse(bytes);
    } catch (MalformedJsonException e) {
      throw new MalformedMetadataException(role, e.getMessage());
    } catch (MetadataFormatException e) {
      throw new InvalidStructureException(role, e.getMessage());
    }
    RoleType expected = RoleNames.typeOf(role);
    if (m.type() != expected) {
      throw new WrongRoleTypeException(role, m.type().roleName());
    }
    if (m.signed().isExpiredAt(now)) {
      throw new ExpiredUploadException(role, m.signed().expires());
    }
    return m;
  }

  private Root validateRoot() {
    Optional<Root> stored = current.current("root").map(f -> dialect.parse(f.bytes(), Root.class).signed());
    Metadata<? extends Signed> upload = parsed.get("root");
    if (upload == null) {
      return stored.orElseThrow(() -> new MissingRoleException("root", "no pre-existing root and no root provided in update"));
    }
    Metadata<Root> newRoot = upload.as(Root.class);
    if (stored.isPresent()) {
      Root old = stored.get();
      checkNewer("root", old.version(), newRoot.version());
      if (newRoot.version() != old.version() + 1) {
        throw new RootVersionSkipException(old.version(), newRoot.version());
      }
      // 5.3.4: signed by a threshold of the trusted root's root keys...
      ThresholdCheck.Result byOld = count(newRoot, old.keys(), old.role(RoleType.ROOT));
      if (!byOld.reached()) {
        throw new RootNotCrossSignedException(byOld.valid(), byOld.threshold());
      }
    }
    // ...and by a threshold of its own root keys (a first root is trusted on first use, as Notary does).
    requireThreshold("root", newRoot, newRoot.signed().keys(), newRoot.signed().role(RoleType.ROOT));
    return newRoot.signed();
  }

  private void validateTargets(String role, Root root) {
    Metadata<Targets> t = parsed.get(role).as(Targets.class);
    current.current(role).ifPresent(f -> checkNewer(role, f.version(), t.version()));
    if (role.equals("targets")) {
      requireThreshold(role, t, root.keys(), root.role(RoleType.TARGETS));
      return;
    }
    String parentName = RoleNames.parentOf(role);
    Targets parent = effectiveTargets(parentName)
        .orElseThrow(() -> new UnknownDelegationException(role, "parent role " + parentName + " does not exist"));
    DelegatedRole delegation = parent.delegations().flatMap(d -> d.role(role))
        .orElseThrow(() -> new UnknownDelegationException(role, parentName + " does not delegate to " + role));
    Map<String, Key> keys = parent.delegations().get().keys();
    requireThreshold(role, t, keys, new Role(delegation.keyIds(), delegation.threshold()));
    for (String target : t.signed().targets().keySet()) {
      if (!delegation.isDelegatedPath(target, dialect.pathMatching())) {
        throw new TargetOutsideDelegationException(role, target);
      }
    }
  }

  private void validateSnapshot(Root root) {
    Metadata<Snapshot> s = parsed.get("snapshot").as(Snapshot.class);
    current.current("snapshot").ifPresent(f -> checkNewer("snapshot", f.version(), s.version()));
    requireThreshold("snapshot", s, root.keys(), root.role(RoleType.SNAPSHOT));
    // The snapshot must pin exactly the files that will be served next to it (Notary pins root too).
    for (Map.Entry<String, RoleFile> e : resultingFiles().entrySet()) {
      String role = e.getKey();
      if (role.equals("snapshot") || (role.equals("root") && dialect != Dialect.NOTARY)) {
        continue;
      }
      MetaFile meta = s.signed().metaFor(role)
          .orElseThrow(() -> new SnapshotMismatchException(role, "snapshot does not list it"));
      if (!MetaFiles.matches(meta, e.getValue())) {
        throw new SnapshotMismatchException(role, "listed length/hashes/version differ from the file");
      }
    }
  }

  private Optional<Targets> effectiveTargets(String role) {
    if (parsed.containsKey(role)) {
      return Optional.of(parsed.get(role).as(Targets.class).signed());
    }
    return current.current(role).map(f -> dialect.parse(f.bytes(), Targets.class).signed());
  }

  private static void checkNewer(String role, long stored, long uploaded) {
    if (uploaded <= stored) {
      throw new VersionNotIncreasedException(role, stored, uploaded);
    }
  }

  private void requireThreshold(String role, Metadata<?> m, Map<String, Key> keys, Role trusted) {
    ThresholdCheck.Result r = count(m, keys, trusted);
    if (!r.reached()) {
      throw new ThresholdNotMetException(role, r.valid(), r.threshold());
    }
  }

  private ThresholdCheck.Result count(Metadata<?> m, Map<String, Key> keys, Role trusted) {
    return ThresholdCheck.count(m.signedBytes(), m.signatures(), keys, trusted.keyIds(), trusted.threshold(), dialect.keyEncoding());
  }
}
