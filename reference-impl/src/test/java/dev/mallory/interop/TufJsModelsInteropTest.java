package dev.mallory.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mallory.crypto.KeyAlgorithm;
import dev.mallory.crypto.KeyEncoding;
import dev.mallory.crypto.KeyGenerator;
import dev.mallory.crypto.SigningKey;
import dev.mallory.crypto.ThresholdCheck;
import dev.mallory.dialect.Dialect;
import dev.mallory.external.CommandResult;
import dev.mallory.external.CommandRunner;
import dev.mallory.model.DelegatedRole;
import dev.mallory.model.Key;
import dev.mallory.model.MetaFile;
import dev.mallory.model.Metadata;
import dev.mallory.model.Role;
import dev.mallory.model.RoleType;
import dev.mallory.model.Root;
import dev.mallory.model.Signed;
import dev.mallory.model.Snapshot;
import dev.mallory.model.TargetFile;
import dev.mallory.model.Targets;
import dev.mallory.model.Timestamp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with a real third-party implementation of the TUF metadata format: tuf-js's
 * {@code @tufjs/models} (npm, from the committed lockfile in scenarios/clients/tuf-js). Both
 * directions: what tuf-js signs, Mallory verifies; what Mallory signs, tuf-js verifies.
 */
class TufJsModelsInteropTest {
  private static final Dialect TUF = Dialect.TUF_1_0;

  @BeforeAll
  static void requireNodeModules() {
    assumeTrue(Files.isDirectory(ProjectPaths.tufJs().resolve("node_modules/@tufjs/models")),
        "tuf-js packages not installed: run ./run-tests (or npm ci in scenarios/clients/tuf-js)");
  }

  @Test
  void metadataSignedByTufJsModels_verifiesWithMallory_forEveryRoleAndKeyType(@TempDir Path out) throws Exception {
    CommandResult generated = node("models-interop.js", "generate", out.toString());
    assertThat(generated.exitCode()).as(generated.toString()).isZero();
    Path md = out.resolve("metadata");

    Metadata<Root> root = TUF.parse(Files.readAllBytes(md.resolve("1.root.json")), Root.class);
    assertThat(root.signed().unrecognized()).as("unknown fields are kept: they are signed").isNotEmpty();
    assertThat(root.signed().keys().values()).extracting(Key::keyType).contains("ed25519", "ecdsa", "rsa");
    assertThat(reach(root, root.signed().keys(), root.signed().role(RoleType.ROOT))).isTrue();

    Metadata<Timestamp> timestamp = TUF.parse(Files.readAllBytes(md.resolve("timestamp.json")), Timestamp.class);
    Metadata<Snapshot> snapshot = TUF.parse(Files.readAllBytes(md.resolve("1.snapshot.json")), Snapshot.class);
    Metadata<Targets> targets = TUF.parse(Files.readAllBytes(md.resolve("1.targets.json")), Targets.class);
    Metadata<Targets> role1 = TUF.parse(Files.readAllBytes(md.resolve("1.role1.json")), Targets.class);
    for (var role : List.of(timestamp, snapshot, targets)) {
      assertThat(reach(role, root.signed().keys(), root.signed().role(role.type())))
          .as(role.type() + " verifies with the keys root assigns it").isTrue();
    }
    DelegatedRole delegation = targets.signed().delegations().orElseThrow().role("role1").orElseThrow();
    assertThat(reach(role1, targets.signed().delegations().get().keys(),
        new Role(delegation.keyIds(), delegation.threshold()))).isTrue();
    // Hashes in timestamp cover the exact bytes served.
    assertThat(timestamp.signed().snapshotMeta().hashes().get("sha256")).isEqualTo(sha256(snapshot.raw()));
  }

  @Test
  void tamperedTufJsMetadata_failsMalloryVerification(@TempDir Path out) throws Exception {
    assertThat(node("models-interop.js", "generate", out.toString()).exitCode()).isZero();
    Path md = out.resolve("metadata");
    Metadata<Root> root = TUF.parse(Files.readAllBytes(md.resolve("1.root.json")), Root.class);
    String text = Files.readString(md.resolve("1.targets.json"));
    Metadata<Targets> forged = TUF.parse(text.replaceFirst("\"length\":\\s*(\\d)", "\"length\": 9$1")
        .getBytes(StandardCharsets.UTF_8), Targets.class);

    assertThat(reach(forged, root.signed().keys(), root.signed().role(RoleType.TARGETS))).isFalse();
  }

  @Test
  void metadataSignedByMallory_verifiesWithTufJsModels_forEveryKeyType(@TempDir Path dir) throws Exception {
    writeMalloryRepository(dir);

    CommandResult verified = node("models-interop.js", "verify", "--expect-keytypes", "ed25519,ecdsa,rsa", dir.toString());

    assertThat(verified.exitCode()).as(verified.toString()).isZero();
    assertThat(verified.stdout()).contains("OK root v1", "OK timestamp v1", "OK snapshot v1", "OK targets v1", "OK role1 v1");
  }

  @Test
  void metadataSignedByMalloryThenTampered_isRefusedByTufJsModels(@TempDir Path dir) throws Exception {
    writeMalloryRepository(dir);
    Path targets = dir.resolve("targets.json");
    Files.writeString(targets, Files.readString(targets).replace("\"version\":1", "\"version\":7"));

    CommandResult verified = node("models-interop.js", "verify", dir.toString());

    assertThat(verified.exitCode()).as(verified.toString()).isEqualTo(1);
    assertThat(verified.stdout()).contains("FAIL targets");
  }

  /** A repository with all three spec key types, written as a client stores it (unversioned names). */
  private static void writeMalloryRepository(Path dir) throws Exception {
    SigningKey rootEd = KeyGenerator.generate(KeyAlgorithm.ED25519, KeyEncoding.TUF);
    SigningKey rootEc = KeyGenerator.generate(KeyAlgorithm.ECDSA_P256, KeyEncoding.TUF);
    SigningKey ts = KeyGenerator.generate(KeyAlgorithm.ED25519, KeyEncoding.TUF);
    SigningKey snap = KeyGenerator.generate(KeyAlgorithm.ECDSA_P256, KeyEncoding.TUF);
    SigningKey tgt = KeyGenerator.generate(KeyAlgorithm.RSA_PSS, KeyEncoding.TUF);
    SigningKey deleg = KeyGenerator.generate(KeyAlgorithm.ED25519, KeyEncoding.TUF);
    Instant expires = Instant.now().plus(30, ChronoUnit.DAYS);
    String spec = Dialect.SPEC_VERSION;

    Map<String, Key> keys = new LinkedHashMap<>();
    for (SigningKey k : List.of(rootEd, rootEc, ts, snap, tgt)) {
      keys.put(k.keyId(), k.publicKey());
    }
    Root root = new Root(1, expires, spec, true, keys, Map.of(
        "root", new Role(List.of(rootEd.keyId(), rootEc.keyId()), 2),
        "timestamp", new Role(List.of(ts.keyId()), 1),
        "snapshot", new Role(List.of(snap.keyId()), 1),
        "targets", new Role(List.of(tgt.keyId()), 1)), Map.of());
    byte[] content = "hello from mallory\n".getBytes(StandardCharsets.UTF_8);
    TargetFile file = new TargetFile(content.length, Map.of("sha256", sha256(content)), null);
    Targets role1 = new Targets(1, expires, spec, Map.of("notes.txt", file), Optional.empty(), Map.of());
    Targets targets = new Targets(1, expires, spec, Map.of("hello.bin", file), Optional.of(new dev.mallory.model.Delegations(
        Map.of(deleg.keyId(), deleg.publicKey()),
        List.of(new DelegatedRole("role1", List.of(deleg.keyId()), 1, false, List.of("*.txt"), null)),
        Optional.empty())), Map.of());
    Snapshot snapshot = new Snapshot(1, expires, spec,
        Map.of("targets", MetaFile.ofVersion(1), "role1", MetaFile.ofVersion(1)), Map.of());
    byte[] snapshotBytes = TUF.sign(snapshot, List.of(snap)).raw();
    Timestamp timestamp = new Timestamp(1, expires, spec, new MetaFile(OptionalLong.of(1),
        OptionalLong.of(snapshotBytes.length), Map.of("sha256", sha256(snapshotBytes))), Map.of());

    Files.write(dir.resolve("root.json"), TUF.sign(root, List.of(rootEd, rootEc)).raw());
    Files.write(dir.resolve("timestamp.json"), TUF.sign(timestamp, List.of(ts)).raw());
    Files.write(dir.resolve("snapshot.json"), snapshotBytes);
    Files.write(dir.resolve("targets.json"), TUF.sign(targets, List.of(tgt)).raw());
    Files.write(dir.resolve("role1.json"), TUF.sign(role1, List.of(deleg)).raw());
  }

  private static boolean reach(Metadata<? extends Signed> md, Map<String, Key> keys, Role role) {
    return ThresholdCheck.count(md.signedBytes(), md.signatures(), keys, role.keyIds(), role.threshold(),
        KeyEncoding.TUF).reached();
  }

  static CommandResult node(String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of("node"));
    cmd.addAll(List.of(args));
    return CommandRunner.run(cmd, ProjectPaths.tufJs(), Map.of(), null, Duration.ofSeconds(60));
  }

  static String sha256(byte[] bytes) throws java.security.NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
