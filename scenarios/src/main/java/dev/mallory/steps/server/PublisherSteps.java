package dev.mallory.steps.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mallory.crypto.KeyAlgorithm;
import dev.mallory.crypto.KeyEncoding;
import dev.mallory.crypto.KeyGenerator;
import dev.mallory.crypto.SigningKey;
import dev.mallory.dialect.Dialect;
import dev.mallory.engine.NotApplicableException;
import dev.mallory.engine.VerdictException;
import dev.mallory.json.Json;
import dev.mallory.model.MetaFile;
import dev.mallory.model.Root;
import dev.mallory.model.Snapshot;
import dev.mallory.model.TargetFile;
import dev.mallory.model.Targets;
import dev.mallory.repo.Repository;
import dev.mallory.repo.store.Hashes;
import dev.mallory.server.client.NotaryHttp;
import dev.mallory.server.client.NotaryPublisher;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What honest and malicious publishers, anonymous clients and the environment do to the server
 * (features/server_validation.feature). Every malicious upload is otherwise well-formed: it carries
 * a snapshot, validly signed by the publisher's snapshot key, that pins exactly the bad file, so
 * the one thing wrong with it is the thing the scenario names. The served state is captured just
 * before each attack, for "the server still serves every role exactly as before".
 */
public final class PublisherSteps {
  private final ServerWorld world;
  private List<SigningKey> rotatedOutTargetsKeys = List.of();

  public PublisherSteps(ServerWorld world) {
    this.world = world;
  }

  // ---- Given ------------------------------------------------------------------------------------

  @Given("the server hosts a repository published by an honest publisher")
  public void honestRepository() {
    world.createHonestRepository();
  }

  @Given("the server hosts a second repository published by another publisher")
  public void secondRepository() {
    String gun = ServerWorld.newGun();
    Repository other = NotaryPublisher.clientRepository(world.http(), gun);
    other.addTarget("other-app", ServerWorld.bytes("other 1.0"));
    other.publish();
    Map<String, byte[]> files = NotaryPublisher.files(other, "root", "targets", "snapshot");
    NotaryHttp.Answer a = world.http().upload(gun, files, world.server().pushAuthorization(gun).orElse(null));
    if (!a.ok()) {
      throw VerdictException.broken("the server refused an honest upload of a second repository: " + a.exchange().describe());
    }
    world.others().put(gun, other);
    world.othersAcknowledged().put(gun, files);
  }

  @Given("a publisher has rotated the targets key")
  public void rotatedTargetsKey() {
    rotatedOutTargetsKeys = world.publisher().keys("targets");
    world.publisher().rotateKeys("targets");
    world.publisher().publish();
    world.mustAccept("a targets key rotation (root, targets, snapshot)", changedFiles());
  }

  @Given("a publisher has given the targets role {int} keys with threshold {int}")
  public void targetsThreshold(int keys, int threshold) {
    world.publisher().setKeys("targets", keys, threshold);
    world.publisher().publish();
    world.mustAccept("a root giving targets " + keys + " keys with threshold " + threshold, changedFiles());
  }

  @Given("the server requires credentials to push")
  public void requiresCredentials() {
    if (world.authorization().isPresent()) {
      return;
    }
    // Mallory has no credentials for this server: find out whether it has push authorisation at all.
    String gun = ServerWorld.newGun();
    Repository probe = NotaryPublisher.clientRepository(world.http(), gun);
    NotaryHttp.Answer a = world.http().upload(gun, NotaryPublisher.files(probe, "root", "targets", "snapshot"), null);
    if (a.ok()) {
      world.note("probe: an anonymous push of a new repository was accepted: " + a.exchange().describe());
      throw new NotApplicableException(world.server().name() + " has no push authorisation: it accepted an anonymous push of a new "
          + "repository (POST " + NotaryHttp.tufPath(gun, "") + " without credentials -> 200), so anyone may push, delete and "
          + "rotate server keys (notary-server's default config has no auth)");
    }
    throw new NotApplicableException(world.server().name() + " refused an anonymous push (" + a.status()
        + ") but Mallory was given no credentials for it, so it cannot tell an authorised push from a foreign one");
  }

  // ---- When: honest publishers ------------------------------------------------------------------

  @When("a publisher publishes target {string} containing {string}")
  public void publishTarget(String name, String content) {
    publishTarget(name, content, "targets");
  }

  @When("a publisher publishes target {string} containing {string} in the delegation")
  public void publishDelegatedTarget(String name, String content) {
    publishTarget(name, content, ServerWorld.DELEGATION);
  }

  private void publishTarget(String name, String content, String role) {
    world.captureBefore();
    world.attack("an honest publisher publishes target \"" + name + "\" in " + role);
    world.publisher().addTarget(role, name, ServerWorld.bytes(content));
    world.publisher().publish();
    if (world.upload(changedFiles(), world.authorization().orElse(null)).ok()) {
      world.publishedTargets().put(name, content);
    }
  }

  @When("a publisher rotates the targets key")
  public void rotateTargetsKey() {
    world.captureBefore();
    world.attack("an honest publisher rotates the targets key (root, targets, snapshot)");
    world.publisher().rotateKeys("targets");
    world.publisher().publish();
    world.upload(changedFiles(), world.authorization().orElse(null));
  }

  // ---- When: malicious and broken publishers ----------------------------------------------------

  @When("a publisher uploads targets signed by a key the root does not list")
  public void targetsUntrustedKey() {
    badTargets("targets signed by a fresh key the root does not list",
        nextTargets("untrusted"), List.of(KeyGenerator.generate(KeyAlgorithm.ECDSA_P256, KeyEncoding.NOTARY)));
  }

  @When("a publisher uploads targets with a corrupted signature")
  public void targetsCorruptedSignature() {
    byte[] signed = NotaryPublisher.sign(nextTargets("corrupted"), world.publisher().keys("targets"));
    ObjectNode env = (ObjectNode) Json.parse(signed);
    ObjectNode sig = (ObjectNode) env.withArray("signatures").get(0);
    byte[] raw = Base64.getDecoder().decode(sig.get("sig").asText());
    raw[raw.length / 2] ^= 0x01;
    sig.put("sig", Base64.getEncoder().encodeToString(raw));
    uploadBad("targets whose only signature has one bit flipped", "targets", reencode(env, signed));
  }

  @When("a publisher uploads targets without signatures")
  public void targetsUnsigned() {
    byte[] signed = NotaryPublisher.sign(nextTargets("unsigned"), world.publisher().keys("targets"));
    ObjectNode env = (ObjectNode) Json.parse(signed);
    env.putArray("signatures");
    uploadBad("targets with an empty signature list", "targets", reencode(env, signed));
  }

  @When("a publisher uploads targets signed by only {int} of the {int} targets keys")
  public void targetsBelowThreshold(int signers, int keys) {
    List<SigningKey> all = world.publisher().keys("targets");
    if (all.size() != keys) {
      throw new IllegalStateException("the targets role has " + all.size() + " keys, the step says " + keys);
    }
    badTargets("targets signed by " + signers + " of its " + keys + " keys (below the threshold)",
        nextTargets("below-threshold"), all.subList(0, signers));
  }

  @When("a publisher uploads targets at the version the server already serves")
  public void targetsSameVersion() {
    long served = acknowledgedVersion("targets");
    badTargets("targets with new content at version " + served + ", the version the server already serves",
        targetsAt(served, "same-version"), world.publisher().keys("targets"));
  }

  @When("a publisher uploads targets at a lower version than the server serves")
  public void targetsLowerVersion() {
    long served = acknowledgedVersion("targets");
    badTargets("targets with new content at version " + (served - 1) + ", below the served version " + served,
        targetsAt(served - 1, "lower-version"), world.publisher().keys("targets"));
  }

  @When("a publisher uploads targets that expired {int} hour(s) ago")
  public void targetsExpired(int hours) {
    Targets base = nextTargets("expired");
    Targets expired = new Targets(base.version(), Instant.now().minus(Duration.ofHours(hours)), null, base.targets(),
        base.delegations(), Map.of());
    badTargets("validly signed targets that expired " + hours + " hour(s) ago", expired, world.publisher().keys("targets"));
  }

  @When("a publisher uploads targets signed by the rotated-out targets key")
  public void targetsRotatedOut() {
    if (rotatedOutTargetsKeys.isEmpty()) {
      throw new IllegalStateException("no targets key was rotated out: use 'a publisher has rotated the targets key' first");
    }
    badTargets("targets signed by the targets key the current root no longer lists", nextTargets("rotated-out"),
        rotatedOutTargetsKeys);
  }

  @When("a publisher uploads a new root signed only by the new root key")
  public void rootNotCrossSigned() {
    Repository p = world.publisher();
    p.rotateKeys("root");
    p.publish();
    Root newRoot = Dialect.NOTARY.parse(p.current("root").orElseThrow().bytes(), Root.class).signed();
    byte[] root = NotaryPublisher.sign(newRoot, p.keys("root"));
    uploadBad("root version " + newRoot.version() + " with a new root key, signed only by the new key (not by the old root)",
        "root", root);
  }

  @When("a publisher uploads a root that skips a version")
  public void rootSkipsVersion() {
    Repository p = world.publisher();
    long served = acknowledgedVersion("root");
    p.bumpVersion("root", served + 2);
    p.publish();
    uploadBad("root version " + (served + 2) + " while the server serves " + served, "root", p.current("root").orElseThrow().bytes());
  }

  @When("a publisher uploads a snapshot that does not match the targets")
  public void snapshotMismatch() {
    world.captureBefore();
    byte[] targets = NotaryPublisher.sign(nextTargets("mismatch"), world.publisher().keys("targets"));
    byte[] otherTargets = NotaryPublisher.sign(nextTargets("something-else"), world.publisher().keys("targets"));
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("targets", targets);
    files.put("snapshot", snapshotPinning(Map.of("targets", otherTargets), world.publisher().keys("snapshot")));
    world.attack("validly signed targets with a validly signed snapshot that pins other targets bytes");
    world.upload(files, world.authorization().orElse(null));
  }

  @When("a publisher uploads a snapshot signed by the targets key")
  public void snapshotWrongKey() {
    world.captureBefore();
    byte[] targets = NotaryPublisher.sign(nextTargets("snapshot-wrong-key"), world.publisher().keys("targets"));
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("targets", targets);
    files.put("snapshot", snapshotPinning(Map.of("targets", targets), world.publisher().keys("targets")));
    world.attack("valid targets with a matching snapshot signed by the targets key instead of the snapshot key");
    world.upload(files, world.authorization().orElse(null));
  }

  @When("a publisher uploads the delegation signed by the targets key")
  public void delegationWrongKey() {
    Targets next = nextDelegation("releases/wrong-key");
    uploadBad("the delegated role " + ServerWorld.DELEGATION + " signed by the targets key instead of its delegated key",
        ServerWorld.DELEGATION, NotaryPublisher.sign(next, world.publisher().keys("targets")));
  }

  @When("a publisher uploads the delegation listing target {string} outside its delegated paths")
  public void delegationOutsidePaths(String target) {
    Targets base = nextDelegation(null);
    Map<String, TargetFile> targets = new TreeMap<>(base.targets());
    targets.put(target, targetFile("evil"));
    Targets evil = new Targets(base.version(), base.expires(), null, targets, base.delegations(), Map.of());
    uploadBad("the delegated role " + ServerWorld.DELEGATION + " (paths \"" + ServerWorld.DELEGATED_PATHS + "\"), correctly signed, listing \""
        + target + "\"", ServerWorld.DELEGATION, NotaryPublisher.sign(evil, world.publisher().keys(ServerWorld.DELEGATION)));
  }

  @When("a publisher uploads a delegation {string} that nobody delegated")
  public void undelegated(String role) {
    Targets base = nextDelegation("releases/orphan");
    Targets orphan = new Targets(1, base.expires(), null, base.targets(), base.delegations(), Map.of());
    uploadBad("the role " + role + ", which no targets role delegates, signed by the " + ServerWorld.DELEGATION + " key", role,
        NotaryPublisher.sign(orphan, world.publisher().keys(ServerWorld.DELEGATION)));
  }

  @When("a publisher uploads targets whose body is {string}")
  public void malformedTargets(String kind) {
    byte[] good = NotaryPublisher.sign(nextTargets("malformed"), world.publisher().keys("targets"));
    String text = new String(good, StandardCharsets.UTF_8);
    byte[] body = switch (kind) {
      case "truncated JSON" -> Arrays.copyOf(good, good.length / 2);
      case "not JSON" -> ServerWorld.bytes("this is not JSON at all");
      case "empty" -> new byte[0];
      case "a JSON array" -> ServerWorld.bytes("[" + text + "]");
      case "JSON with a duplicate key" -> ServerWorld.bytes(text.replaceFirst(
          java.util.regex.Pattern.quote("\"_type\":\"Targets\","), "\"_type\":\"Targets\",\"version\":99,"));
      case "invalid UTF-8" -> withInvalidUtf8(good);
      case "a snapshot" -> world.publisher().current("snapshot").orElseThrow().bytes();
      default -> throw new IllegalArgumentException("unknown malformed body '" + kind + "'");
    };
    uploadBad("targets whose body is " + kind, "targets", body);
  }

  @When("a publisher uploads validly signed targets in a non-canonical encoding")
  public void nonCanonical() {
    byte[] canonical = NotaryPublisher.sign(nextTargets("non-canonical"), world.publisher().keys("targets"));
    JsonNode env = Json.parse(canonical);
    ObjectNode reordered = Json.object();
    reordered.set("signatures", env.get("signatures"));
    reordered.set("signed", reversed(env.get("signed")));
    byte[] pretty;
    try {
      pretty = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(reordered);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    uploadBad("targets with valid signatures, encoded with whitespace and keys in reverse order (the signatures cover the "
        + "canonical form)", "targets", pretty);
  }

  @When("a publisher uploads a validly signed snapshot in a non-canonical encoding")
  public void nonCanonicalSnapshot() {
    world.captureBefore();
    byte[] targets = NotaryPublisher.sign(nextTargets("non-canonical-snapshot"), world.publisher().keys("targets"));
    JsonNode env = Json.parse(snapshotPinning(Map.of("targets", targets), world.publisher().keys("snapshot")));
    ObjectNode reordered = Json.object();
    reordered.set("signed", reversed(env.get("signed")));
    reordered.set("signatures", env.get("signatures"));
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("targets", targets);
    files.put("snapshot", Json.write(reordered));
    world.attack("valid next targets with a validly signed snapshot whose signed part has its keys in reverse order");
    world.upload(files, world.authorization().orElse(null));
  }

  @When("a publisher uploads a {int} MiB targets file")
  public void oversized(int mib) {
    Targets base = nextTargets("oversized");
    String head = new String(NotaryPublisher.sign(base, world.publisher().keys("targets")), StandardCharsets.UTF_8);
    int at = head.indexOf("\"signatures\":");
    StringBuilder b = new StringBuilder(mib * 1024 * 1024 + 200);
    b.append(head, 0, at).append("\"padding\":\"");
    for (int i = 0; i < mib * 1024 * 1024; i++) {
      b.append('A');
    }
    b.append("\",").append(head.substring(at));
    uploadBad("a " + mib + " MiB targets file (valid JSON, padded)", "targets", ServerWorld.bytes(b.toString()));
  }

  @When("a publisher uploads the next targets under the role name {string}")
  public void trickName(String name) {
    world.captureBefore();
    byte[] targets = NotaryPublisher.sign(nextTargets("trick"), world.publisher().keys("targets"));
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(name, targets);
    files.put("snapshot", snapshotPinning(Map.of(name, targets, "targets", targets), world.publisher().keys("snapshot")));
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

  // ---- When: authorisation and namespaces -------------------------------------------------------

  @When("an anonymous publisher uploads the next targets version")
  public void anonymousUpload() {
    pushNextTargets("an anonymous publisher (no credentials)", null);
  }

  @When("a publisher with credentials for another namespace uploads the next targets version")
  public void foreignUpload() {
    String foreign = world.server().foreignAuthorization(world.gun())
        .orElseThrow(() -> new NotApplicableException("Mallory has no credential for another namespace on " + world.server().name()));
    pushNextTargets("a publisher whose credentials are granted another namespace", foreign);
  }

  private void pushNextTargets(String who, String authorization) {
    world.captureBefore();
    byte[] targets = NotaryPublisher.sign(nextTargets("unauthorised"), world.publisher().keys("targets"));
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("targets", targets);
    files.put("snapshot", snapshotPinning(Map.of("targets", targets), world.publisher().keys("snapshot")));
    world.attack(who + " uploads validly signed next targets and snapshot (signed with the publisher's keys)");
    world.upload(files, authorization);
  }

  @When("an anonymous client deletes the repository")
  public void anonymousDelete() {
    world.captureBefore();
    world.attack("DELETE of the whole repository without credentials");
    world.setLastUpload(world.http().delete(NotaryHttp.tufPath(world.gun(), ""), null));
  }

  @When("an anonymous client asks the server to rotate the timestamp key")
  public void anonymousRotate() {
    world.touchedNames().add("timestamp");
    world.captureBefore();
    world.attack("POST timestamp.key (server key rotation) without credentials");
    world.setLastUpload(world.http().rotateKey(world.gun(), "timestamp", null));
  }

  // ---- When: time, load, crashes ----------------------------------------------------------------

  @When("the server's clock moves {int} days forward")
  public void clockForward(int days) {
    if (!world.server().clockDrivable()) {
      throw new NotApplicableException("Mallory cannot move the clock of " + world.server().name() + " and its timestamp lifetime "
          + "is not configurable: notary-server signs timestamps for 14 days, too long to wait for");
    }
    world.attack("the server's clock moves " + days + " days forward");
    world.server().advanceClock(Duration.ofDays(days));
    world.advanceServerClock(Duration.ofDays(days));
  }

  @When("{int} publishers upload the next targets version at the same time")
  public void racingPublishers(int n) throws Exception {
    world.captureBefore();
    List<Map<String, byte[]>> uploads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] targets = NotaryPublisher.sign(nextTargets("race-" + i), world.publisher().keys("targets"));
      Map<String, byte[]> files = new LinkedHashMap<>();
      files.put("targets", targets);
      files.put("snapshot", snapshotPinning(Map.of("targets", targets), world.publisher().keys("snapshot")));
      uploads.add(files);
    }
    world.attack(n + " publishers holding the keys each upload a different targets version " + acknowledgedVersion("targets") + "+1 at once");
    String auth = world.authorization().orElse(null);
    List<NotaryHttp.Answer> answers = concurrently(n, i -> world.http().upload(world.gun(), uploads.get(i), auth));
    world.setLastUploads(answers);
    world.setRaceUploads(uploads);
  }

  @When("{int} publishers each publish a repository of their own at the same time")
  public void manyRepositories(int n) throws Exception {
    List<String> guns = new ArrayList<>();
    List<Map<String, byte[]>> uploads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String gun = ServerWorld.newGun();
      Repository r = NotaryPublisher.clientRepository(world.http(), gun);
      r.addTarget("app-" + i, ServerWorld.bytes("app " + i));
      r.publish();
      guns.add(gun);
      uploads.add(NotaryPublisher.files(r, "root", "targets", "snapshot"));
      world.others().put(gun, r);
    }
    world.attack(n + " publishers each create a repository of their own at once");
    List<NotaryHttp.Answer> answers = concurrently(n, i -> world.http().upload(guns.get(i), uploads.get(i),
        world.server().pushAuthorization(guns.get(i)).orElse(null)));
    for (int i = 0; i < n; i++) {
      if (answers.get(i).ok()) {
        world.othersAcknowledged().put(guns.get(i), uploads.get(i));
      }
    }
    world.setLastUploads(answers);
  }

  @When("{int} requests for the repository's metadata arrive within {int} seconds")
  public void burst(int requests, int seconds) {
    world.captureBefore();
    world.attack(requests + " GET requests for the repository's metadata, 32 at a time, loopback, bounded to " + seconds + " s");
    world.setBurst(Burst.run(world.server().url(), world.gun(), requests, 32, Duration.ofSeconds(seconds)));
  }

  @When("the server process is killed and restarted")
  public void killRestart() {
    if (!world.server().killable()) {
      throw new NotApplicableException(world.server().name() + " is not a process Mallory started, so Mallory cannot crash it "
          + "(only cmd: and image: servers can be killed)");
    }
    world.captureBefore();
    world.attack("SIGKILL to the server process, then a fresh start on the same port");
    world.server().kill();
    world.server().restart();
    world.note("after the restart: " + world.server().description());
  }

  @When("the server is restarted")
  public void restart() {
    if (!world.server().restartable()) {
      throw new NotApplicableException(world.server().name() + " is run by someone else: Mallory cannot restart it");
    }
    world.captureBefore();
    world.attack("the server is stopped and started again on the same port");
    world.server().restart();
    world.note("after the restart: " + world.server().description());
  }

  // ---- helpers ----------------------------------------------------------------------------------

  /** The roles whose current file differs from what the server acknowledged (the next honest upload). */
  private Map<String, byte[]> changedFiles() {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String role : List.of("root", "targets", ServerWorld.DELEGATION, "snapshot")) {
      world.publisher().current(role).ifPresent(f -> {
        byte[] ack = world.acknowledged().get(role);
        if (ack == null || !Arrays.equals(ack, f.bytes())) {
          files.put(role, f.bytes());
        }
      });
    }
    return files;
  }

  private long acknowledgedVersion(String role) {
    return ServedState.version(world.acknowledged().get(role)).orElseThrow();
  }

  private Targets nextTargets(String marker) {
    return targetsAt(acknowledgedVersion("targets") + 1, marker);
  }

  private Targets targetsAt(long version, String marker) {
    Targets base = world.targets("targets");
    Map<String, TargetFile> targets = new TreeMap<>(base.targets());
    targets.put(marker, targetFile(marker));
    return new Targets(version, Instant.now().plus(Duration.ofDays(30)), null, targets, base.delegations(), Map.of());
  }

  private Targets nextDelegation(String marker) {
    Targets base = world.targets(ServerWorld.DELEGATION);
    Map<String, TargetFile> targets = new TreeMap<>(base.targets());
    if (marker != null) {
      targets.put(marker, targetFile(marker));
    }
    return new Targets(acknowledgedVersion(ServerWorld.DELEGATION) + 1, Instant.now().plus(Duration.ofDays(30)), null, targets,
        base.delegations(), Map.of());
  }

  private static TargetFile targetFile(String content) {
    byte[] b = ServerWorld.bytes(content);
    return new TargetFile(b.length, Hashes.sha256And512(b), null);
  }

  private void badTargets(String description, Targets targets, List<SigningKey> keys) {
    uploadBad(description, "targets", NotaryPublisher.sign(targets, keys));
  }

  /** Uploads one bad file for {@code role} with a validly signed snapshot pinning exactly it. */
  private void uploadBad(String description, String role, byte[] body) {
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
  private byte[] snapshotPinning(Map<String, byte[]> pinned, List<SigningKey> keys) {
    Snapshot current = Dialect.NOTARY.parse(world.acknowledged().get("snapshot"), Snapshot.class).signed();
    Map<String, MetaFile> meta = new TreeMap<>(current.meta());
    pinned.forEach((role, bytes) -> meta.put(role, NotaryPublisher.pin(role, bytes)));
    Snapshot next = new Snapshot(current.version() + 1, Instant.now().plus(Duration.ofDays(30)), null, meta, Map.of());
    return NotaryPublisher.sign(next, keys);
  }

  /** The envelope re-serialised; the signed part keeps its canonical bytes. */
  private static byte[] reencode(ObjectNode envelope, byte[] original) {
    return Dialect.NOTARY.envelope(Json.parse(original).get("signed"), signatures(envelope.get("signatures")));
  }

  private static List<dev.mallory.model.Signature> signatures(JsonNode array) {
    List<dev.mallory.model.Signature> out = new ArrayList<>();
    for (JsonNode s : array) {
      out.add(new dev.mallory.model.Signature(s.get("keyid").asText(), s.path("method").asText(null),
          Base64.getDecoder().decode(s.get("sig").asText())));
    }
    return out;
  }

  private static JsonNode reversed(JsonNode node) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      ObjectNode out = Json.object();
      for (int i = names.size() - 1; i >= 0; i--) {
        out.set(names.get(i), reversed(node.get(names.get(i))));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = Json.nodes().arrayNode();
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        out.add(reversed(it.next()));
      }
      return out;
    }
    return node;
  }

  private static byte[] withInvalidUtf8(byte[] good) {
    String text = new String(good, StandardCharsets.UTF_8);
    int at = text.indexOf("\"expires\"");
    byte[] out = new byte[good.length + 2];
    System.arraycopy(good, 0, out, 0, at);
    out[at] = (byte) 0xC3;
    out[at + 1] = (byte) 0x28;
    System.arraycopy(good, at, out, at + 2, good.length - at);
    return out;
  }

  private static <T> List<T> concurrently(int n, java.util.function.IntFunction<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(pool.submit(() -> {
          start.await();
          return task.apply(index);
        }));
      }
      start.countDown();
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static final class Arrays {
    static byte[] copyOf(byte[] a, int n) {
      return java.util.Arrays.copyOf(a, n);
    }

    static boolean equals(byte[] a, byte[] b) {
      return java.util.Arrays.equals(a, b);
    }
  }
}
