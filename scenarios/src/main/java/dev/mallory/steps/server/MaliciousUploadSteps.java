package dev.mallory.steps.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mallory.crypto.KeyAlgorithm;
import dev.mallory.crypto.KeyEncoding;
import dev.mallory.crypto.KeyGenerator;
import dev.mallory.crypto.SigningKey;
import dev.mallory.dialect.Dialect;
import dev.mallory.engine.VerdictException;
import dev.mallory.json.Json;
import dev.mallory.model.Root;
import dev.mallory.model.TargetFile;
import dev.mallory.model.Targets;
import dev.mallory.repo.Repository;
import dev.mallory.server.client.NotaryPublisher;
import io.cucumber.java.en.When;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What malicious and broken publishers upload (features/server_validation.feature). Every upload
 * is otherwise well-formed: it carries a snapshot, validly signed by the publisher's snapshot key,
 * that pins exactly the bad file, so the one thing wrong with it is the thing the scenario names.
 * The served state is captured just before each attack, for "the server still serves every role
 * exactly as before".
 */
public final class MaliciousUploadSteps {
  private final ServerWorld world;
  private final Uploads uploads;

  public MaliciousUploadSteps(ServerWorld world, Uploads uploads) {
    this.world = world;
    this.uploads = uploads;
  }

  // ---- When: malicious and broken publishers ----------------------------------------------------

  @When("a publisher uploads targets signed by a key the root does not list")
  public void targetsUntrustedKey() {
    uploads.badTargets("targets signed by a fresh key the root does not list",
        uploads.nextTargets("untrusted"), List.of(KeyGenerator.generate(KeyAlgorithm.ECDSA_P256, KeyEncoding.NOTARY)));
  }

  @When("a publisher uploads targets with a corrupted signature")
  public void targetsCorruptedSignature() {
    byte[] signed = NotaryPublisher.sign(uploads.nextTargets("corrupted"), world.publisher().keys("targets"));
    ObjectNode env = (ObjectNode) Json.parse(signed);
    ObjectNode sig = (ObjectNode) env.withArray("signatures").get(0);
    byte[] raw = Base64.getDecoder().decode(sig.get("sig").asText());
    raw[raw.length / 2] ^= 0x01;
    sig.put("sig", Base64.getEncoder().encodeToString(raw));
    uploads.uploadBad("targets whose only signature has one bit flipped", "targets", Encodings.reencode(env, signed));
  }

  @When("a publisher uploads targets without signatures")
  public void targetsUnsigned() {
    byte[] signed = NotaryPublisher.sign(uploads.nextTargets("unsigned"), world.publisher().keys("targets"));
    ObjectNode env = (ObjectNode) Json.parse(signed);
    env.putArray("signatures");
    uploads.uploadBad("targets with an empty signature list", "targets", Encodings.reencode(env, signed));
  }

  @When("a publisher uploads targets signed by only {int} of the {int} targets keys")
  public void targetsBelowThreshold(int signers, int keys) {
    List<SigningKey> all = world.publisher().keys("targets");
    if (all.size() != keys) {
      throw new IllegalStateException("the targets role has " + all.size() + " keys, the step says " + keys);
    }
    uploads.badTargets("targets signed by " + signers + " of its " + keys + " keys (below the threshold)",
        uploads.nextTargets("below-threshold"), all.subList(0, signers));
  }

  @When("a publisher uploads targets at the version the server already serves")
  public void targetsSameVersion() {
    long served = uploads.acknowledgedVersion("targets");
    uploads.badTargets("targets with new content at version " + served + ", the version the server already serves",
        uploads.targetsAt(served, "same-version"), world.publisher().keys("targets"));
  }

  @When("a publisher uploads targets at a lower version than the server serves")
  public void targetsLowerVersion() {
    long served = uploads.acknowledgedVersion("targets");
    uploads.badTargets("targets with new content at version " + (served - 1) + ", below the served version " + served,
        uploads.targetsAt(served - 1, "lower-version"), world.publisher().keys("targets"));
  }

  @When("a publisher uploads targets that expired {int} hour(s) ago")
  public void targetsExpired(int hours) {
    Targets base = uploads.nextTargets("expired");
    Targets expired = new Targets(base.version(), Instant.now().minus(Duration.ofHours(hours)), null, base.targets(),
        base.delegations(), Map.of());
    uploads.badTargets("validly signed targets that expired " + hours + " hour(s) ago", expired, world.publisher().keys("targets"));
  }

  @When("a publisher uploads targets signed by the rotated-out targets key")
  public void targetsRotatedOut() {
    uploads.badTargets("targets signed by the targets key the current root no longer lists", uploads.nextTargets("rotated-out"),
        uploads.rotatedOut());
  }

  @When("a publisher uploads a new root signed only by the new root key")
  public void rootNotCrossSigned() {
    Repository p = world.publisher();
    p.rotateKeys("root");
    p.publish();
    Root newRoot = Dialect.NOTARY.parse(p.current("root").orElseThrow().bytes(), Root.class).signed();
    byte[] root = NotaryPublisher.sign(newRoot, p.keys("root"));
    uploads.uploadBad("root version " + newRoot.version() + " with a new root key, signed only by the new key (not by the old root)",
        "root", root);
  }

  @When("a publisher uploads a root that skips a version")
  public void rootSkipsVersion() {
    Repository p = world.publisher();
    long served = uploads.acknowledgedVersion("root");
    p.bumpVersion("root", served + 2);
    p.publish();
    uploads.uploadBad("root version " + (served + 2) + " while the server serves " + served, "root", p.current("root").orElseThrow().bytes());
  }

  @When("a publisher uploads a snapshot that does not match the targets")
  public void snapshotMismatch() {
    world.captureBefore();
    byte[] targets = NotaryPublisher.sign(uploads.nextTargets("mismatch"), world.publisher().keys("targets"));
    byte[] otherTargets = NotaryPublisher.sign(uploads.nextTargets("something-else"), world.publisher().keys("targets"));
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("targets", targets);
    files.put("snapshot", uploads.snapshotPinning(Map.of("targets", otherTargets), world.publisher().keys("snapshot")));
    world.attack("validly signed targets with a validly signed snapshot that pins other targets bytes");
    world.upload(files, world.authorization().orElse(null));
  }

  @When("a publisher uploads a snapshot signed by the targets key")
  public void snapshotWrongKey() {
    world.captureBefore();
    byte[] targets = NotaryPublisher.sign(uploads.nextTargets("snapshot-wrong-key"), world.publisher().keys("targets"));
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("targets", targets);
    files.put("snapshot", uploads.snapshotPinning(Map.of("targets", targets), world.publisher().keys("targets")));
    world.attack("valid targets with a matching snapshot signed by the targets key instead of the snapshot key");
    world.upload(files, world.authorization().orElse(null));
  }

  @When("a publisher uploads the delegation signed by the targets key")
  public void delegationWrongKey() {
    Targets next = uploads.nextDelegation("releases/wrong-key");
    uploads.uploadBad("the delegated role " + ServerWorld.DELEGATION + " signed by the targets key instead of its delegated key",
        ServerWorld.DELEGATION, NotaryPublisher.sign(next, world.publisher().keys("targets")));
  }

  @When("a publisher uploads the delegation listing target {string} outside its delegated paths")
  public void delegationOutsidePaths(String target) {
    Targets base = uploads.nextDelegation(null);
    Map<String, TargetFile> targets = new TreeMap<>(base.targets());
    targets.put(target, uploads.targetFile("evil"));
    Targets evil = new Targets(base.version(), base.expires(), null, targets, base.delegations(), Map.of());
    uploads.uploadBad("the delegated role " + ServerWorld.DELEGATION + " (paths \"" + ServerWorld.DELEGATED_PATHS + "\"), correctly signed, listing \""
        + target + "\"", ServerWorld.DELEGATION, NotaryPublisher.sign(evil, world.publisher().keys(ServerWorld.DELEGATION)));
  }

  @When("a publisher uploads a delegation {string} that nobody delegated")
  public void undelegated(String role) {
    Targets base = uploads.nextDelegation("releases/orphan");
    Targets orphan = new Targets(1, base.expires(), null, base.targets(), base.delegations(), Map.of());
    uploads.uploadBad("the role " + role + ", which no targets role delegates, signed by the " + ServerWorld.DELEGATION + " key", role,
        NotaryPublisher.sign(orphan, world.publisher().keys(ServerWorld.DELEGATION)));
  }

  @When("a publisher uploads targets whose body is {string}")
  public void malformedTargets(String kind) {
    byte[] good = NotaryPublisher.sign(uploads.nextTargets("malformed"), world.publisher().keys("targets"));
    String text = new String(good, StandardCharsets.UTF_8);
    byte[] body = switch (kind) {
      case "truncated JSON" -> java.util.Arrays.copyOf(good, good.length / 2);
      case "not JSON" -> ServerWorld.bytes("this is not JSON at all");
      case "empty" -> new byte[0];
      case "a JSON array" -> ServerWorld.bytes("[" + text + "]");
      case "JSON with a duplicate key" -> ServerWorld.bytes(text.replaceFirst(
          java.util.regex.Pattern.quote("\"_type\":\"Targets\","), "\"_type\":\"Targets\",\"version\":99,"));
      case "invalid UTF-8" -> Encodings.withInvalidUtf8(good);
      case "a snapshot" -> world.publisher().current("snapshot").orElseThrow().bytes();
      default -> throw new IllegalArgumentException("unknown malformed body '" + kind + "'");
    };
    uploads.uploadBad("targets whose body is " + kind, "targets", body);
  }

  @When("a publisher uploads validly signed targets in a non-canonical encoding")
  public void nonCanonical() {
    byte[] canonical = NotaryPublisher.sign(uploads.nextTargets("non-canonical"), world.publisher().keys("targets"));
    JsonNode env = Json.parse(canonical);
    ObjectNode reordered = Json.object();
    reordered.set("signatures", env.get("signatures"));
    reordered.set("signed", Encodings.reversed(env.get("signed")));
    byte[] pretty = Encodings.pretty(reordered);
    uploads.uploadBad("targets with valid signatures, encoded with whitespace and keys in reverse order (the signatures cover the "
        + "canonical form)", "targets", pretty);
  }

  @When("a publisher uploads a validly signed snapshot in a non-canonical encoding")
  public void nonCanonicalSnapshot() {
    world.captureBefore();
    byte[] targets = NotaryPublisher.sign(uploads.nextTargets("non-canonical-snapshot"), world.publisher().keys("targets"));
    JsonNode env = Json.parse(uploads.snapshotPinning(Map.of("targets", targets), world.publisher().keys("snapshot")));
    ObjectNode reordered = Json.object();
    reordered.set("signed", Encodings.reversed(env.get("signed")));
    reordered.set("signatures", env.get("signatures"));
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("targets", targets);
    files.put("snapshot", Json.write(reordered));
    world.attack("valid next targets with a validly signed snapshot whose signed part has its keys in reverse order");
    world.upload(files, world.authorization().orElse(null));
  }

  @When("a publisher uploads a {int} MiB targets file")
  public void oversized(int mib) {
    Targets base = uploads.nextTargets("oversized");
    String head = new String(NotaryPublisher.sign(base, world.publisher().keys("targets")), StandardCharsets.UTF_8);
    int at = head.indexOf("\"signatures\":");
    StringBuilder b = new StringBuilder(mib * 1024 * 1024 + 200);
    b.append(head, 0, at).append("\"padding\":\"");
    for (int i = 0; i < mib * 1024 * 1024; i++) {
      b.append('A');
    }
    b.append("\",").append(head.substring(at));
    uploads.uploadBad("a " + mib + " MiB targets file (valid JSON, padded)", "targets", ServerWorld.bytes(b.toString()));
  }

  @When("a publisher uploads the next targets under the role name {string}")
  public void trickName(String name) {
    world.captureBefore();
    byte[] targets = NotaryPublisher.sign(uploads.nextTargets("trick"), world.publisher().keys("targets"));
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(name, targets);
    files.put("snapshot", uploads.snapshotPinning(Map.of(name, targets, "targets", targets), world.publisher().keys("snapshot")));
    world.attack("the next targets, validly signed, uploaded under the role name \"" + name + "\" (snapshot pins it under both names)");
    world.upload(files, world.authorization().orElse(null));
  }

  @When("a publisher uploads the timestamp the server signed")
  public void uploadTimestamp() {
    world.captureBefore();
    java.util.Optional<byte[]> served = world.before().flatMap(b -> b.current(world.gun(), "timestamp"));
    if (served.isEmpty()) {
      throw dev.mallory.engine.VerdictException.broken("the server serves no timestamp for a repository whose uploads it acknowledged");
    }
    byte[] ts = served.get();
    world.attack("the server's own current timestamp uploaded back (the timestamp is server-managed)");
    world.upload(Map.of("timestamp", ts), world.authorization().orElse(null));
  }

  @When("a publisher uploads a body that is not multipart")
  public void notMultipart() {
    world.captureBefore();
    world.attack("a POST to the upload path with a JSON body instead of multipart/form-data");
    world.setLastUpload(world.http().uploadRaw(world.gun(), ServerWorld.bytes("{\"targets\":{}}"), "application/json",
        world.authorization().orElse(null)));
  }
}
