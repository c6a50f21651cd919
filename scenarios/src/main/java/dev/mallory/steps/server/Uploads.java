package dev.mallory.steps.server;

import dev.mallory.crypto.SigningKey;
import dev.mallory.dialect.Dialect;
import dev.mallory.model.MetaFile;
import dev.mallory.model.Snapshot;
import dev.mallory.model.TargetFile;
import dev.mallory.model.Targets;
import dev.mallory.repo.store.Hashes;
import dev.mallory.server.client.NotaryPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the publisher steps share within one scenario: the next honest files, a snapshot pinning
 * exactly the bad file of an attack, and the targets keys a rotation took out of the root.
 * One per scenario (picocontainer), like {@link ServerWorld}.
 */
public final class Uploads {
  private final ServerWorld world;
  private List<SigningKey> rotatedOutTargetsKeys = List.of();

  public Uploads(ServerWorld world) {
    this.world = world;
  }

  void rememberRotatedOut(List<SigningKey> keys) {
    rotatedOutTargetsKeys = List.copyOf(keys);
  }

  List<SigningKey> rotatedOut() {
    if (rotatedOutTargetsKeys.isEmpty()) {
      throw new IllegalStateException("no targets key was rotated out: use 'a publisher has rotated the targets key' first");
    }
    return rotatedOutTargetsKeys;
  }

  /** The next targets (with a marker target) and a snapshot pinning it, both signed with the publisher's keys. */
  Map<String, byte[]> nextTargetsAndSnapshot(String marker) {
    byte[] targets = NotaryPublisher.sign(nextTargets(marker), world.publisher().keys("targets"));
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("targets", targets);
    files.put("snapshot", snapshotPinning(Map.of("targets", targets), world.publisher().keys("snapshot")));
    return files;
  }

  /** The roles whose current file differs from what the server acknowledged (the next honest upload). */
  Map<String, byte[]> changedFiles() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String role : List.of("root", "targets", ServerWorld.DELEGATION, "snapshot")) {
      world.publisher().current(role).ifPresent(f -> {
        byte[] ack = world.acknowledged().get(role);
        if (ack == null || !java.util.Arrays.equals(ack, f.bytes())) {
          files.put(role, f.bytes());
        }
      });
    }
    return files;
  }

  long acknowledgedVersion(String role) {
    return ServedState.version(world.acknowledged().get(role)).orElseThrow();
  }

  Targets nextTargets(String marker) {
    return targetsAt(acknowledgedVersion("targets") + 1, marker);
  }

  Targets targetsAt(long version, String marker) {
    Targets base = world.targets("targets");
    Map<String, TargetFile> targets = new TreeMap<>(base.targets());
    targets.put(marker, targetFile(marker));
    return new Targets(version, Instant.now().plus(Duration.ofDays(30)), null, targets, base.delegations(), Map.of());
  }

  Targets nextDelegation(String marker) {
    Targets base = world.targets(ServerWorld.DELEGATION);
    Map<String, TargetFile> targets = new TreeMap<>(base.targets());
    if (marker != null) {
      targets.put(marker, targetFile(marker));
    }
    return new Targets(acknowledgedVersion(ServerWorld.DELEGATION) + 1, Instant.now().plus(Duration.ofDays(30)), null, targets,
        base.delegations(), Map.of());
  }

  static TargetFile targetFile(String content) {
    byte[] b = ServerWorld.bytes(content);
    return new TargetFile(b.length, Hashes.sha256And512(b), null);
  }

  void badTargets(String description, Targets targets, List<SigningKey> keys) {
    uploadBad(description, "targets", NotaryPublisher.sign(targets, keys));
  }

  /** Uploads one bad file for {@code role} with a validly signed snapshot pinning exactly it. */
  void uploadBad(String description, String role, byte[] body) {
    world.captureBefore();
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(role, body);
    if (!role.equals("snapshot")) {
      files.put("snapshot", snapshotPinning(Map.of(role, body), world.publisher().keys("snapshot")));
    }
    world.attack(description + " (with a validly signed snapshot pinning it)");
    world.upload(files, world.authorization().orElse(null));
  }

  /** The acknowledged snapshot's content, one version up, with these roles pinned to these bytes. */
  byte[] snapshotPinning(Map<String, byte[]> pinned, List<SigningKey> keys) {
    Snapshot current = Dialect.NOTARY.parse(world.acknowledged().get("snapshot"), Snapshot.class).signed();
    Map<String, MetaFile> meta = new TreeMap<>(current.meta());
    pinned.forEach((role, bytes) -> meta.put(role, NotaryPublisher.pin(role, bytes)));
    Snapshot next = new Snapshot(current.version() + 1, Instant.now().plus(Duration.ofDays(30)), null, meta, Map.of());
    return NotaryPublisher.sign(next, keys);
  }
}
