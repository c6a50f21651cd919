package dev.mallory.steps.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mallory.client.MetadataStore;
import dev.mallory.client.NotaryLayout;
import dev.mallory.client.TargetInfo;
import dev.mallory.client.Updater;
import dev.mallory.dialect.Dialect;
import dev.mallory.external.CommandResult;
import dev.mallory.external.NotaryClient;
import dev.mallory.json.Json;
import dev.mallory.report.Verdict;
import dev.mallory.repo.store.Hashes;
import dev.mallory.server.client.NotaryHttp;
import dev.mallory.server.client.NotaryPublisher;
import io.cucumber.java.en.Then;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the server must have done (features/server_validation.feature). Outcomes are soft: each
 * records a finding (VULNERABLE: a bad upload accepted or served state changed; BROKEN: an honest
 * upload refused, metadata clients cannot verify, acknowledged data lost) and the verdict is the
 * worst of them, decided after the last step by {@link ServerHooks}.
 */
public final class ServerOutcomeSteps {
  private static final long MAX_METADATA = 10L * 1024 * 1024;

  private final ServerWorld world;

  public ServerOutcomeSteps(ServerWorld world) {
    this.world = world;
  }

  @Then("the server refuses the upload with a Notary error")
  public void refusedWithNotaryError() {
    refused("the server refuses the upload with a Notary error", world.lastUpload());
  }

  @Then("the server refuses the request")
  public void refusedRequest() {
    refused("the server refuses the request", world.lastUpload());
  }

  private void refused(String step, NotaryHttp.Answer a) {
    if (a.status() >= 200 && a.status() < 300) {
      world.find(Verdict.VULNERABLE, step, "the server accepted it: " + a.exchange().describe());
      return;
    }
    if (a.status() < 0) {
      world.note("no answer (the connection was dropped), counted as refused: " + a.exchange().describe());
      return;
    }
    Optional<String> code = NotaryPublisher.errorCode(a.body());
    world.note("refused with " + a.status() + code.map(c -> " " + c).orElse(" and no Notary error body") + ": " + a.exchange().describe());
    if (a.status() >= 500) {
      world.note("a 5xx is a refusal, but says the server failed rather than that it judged the upload bad");
    }
  }

  @Then("the server refuses the upload or serves it exactly as uploaded")
  public void refusedOrServedExactly() {
    NotaryHttp.Answer a = world.lastUpload();
    if (!a.ok()) {
      refused("the server refuses the upload or serves it exactly as uploaded", a);
      unchanged();
      return;
    }
    world.note("accepted: " + a.exchange().describe());
    servedAsUploaded();
  }

  @Then("the server accepts the upload")
  public void accepted() {
    NotaryHttp.Answer a = world.lastUpload();
    if (!a.ok()) {
      world.find(Verdict.BROKEN, "the server accepts the upload", "the server refused an honest upload: " + a.exchange().describe());
    }
  }

  @Then("the server still serves every role exactly as before")
  public void unchanged() {
    ServedState before = world.before().orElseThrow(() -> new IllegalStateException("nothing was captured before the attack"));
    List<String> notes = new ArrayList<>();
    List<ServedState.Change> changes = before.again(world.http()).changesSince(before, notes);
    notes.forEach(world::note);
    findChanges("the server still serves every role exactly as before", "", changes);
  }

  @Then("the server serves every role exactly as the publisher uploaded it")
  public void servedAsUploaded() {
    for (Map.Entry<String, byte[]> e : world.acknowledged().entrySet()) {
      String path = NotaryHttp.tufPath(world.gun(), e.getKey() + ".json");
      NotaryHttp.Answer a = world.http().get(path);
      if (!a.ok() || !Arrays.equals(a.body(), e.getValue())) {
        world.find(Verdict.BROKEN, "the server serves every role exactly as the publisher uploaded it",
            "GET " + path + " -> " + a.status() + (a.ok() ? ", other bytes than uploaded (" + a.body().length + " B vs "
                + e.getValue().length + " B)" : ""));
      }
    }
  }

  @Then("the reference client sees exactly what was published")
  public void referenceClientSees() {
    referenceClient("the reference client sees exactly what was published", world.gun(), world.firstRoot(), world.acknowledged(),
        world.publishedTargets());
  }

  private void referenceClient(String step, String gun, byte[] firstRoot, Map<String, byte[]> acknowledged, Map<String, String> targets) {
    Path dir = world.dir().resolve("reference-client-" + UUID.randomUUID());
    try {
      Path metadata = Files.createDirectories(dir.resolve("metadata"));
      Updater.initialize(metadata, firstRoot, Dialect.NOTARY);
      Updater updater = Updater.builder(new NotaryLayout(world.server().url(), gun)).metadataDir(metadata)
          .targetDir(Files.createDirectories(dir.resolve("targets"))).build();
      updater.refresh();
      for (Map.Entry<String, String> t : targets.entrySet()) {
        Optional<TargetInfo> info = updater.getTargetInfo(t.getKey());
        byte[] content = ServerWorld.bytes(t.getValue());
        if (info.isEmpty()) {
          world.find(Verdict.BROKEN, step, "the reference client does not find published target \"" + t.getKey() + "\"");
        } else if (info.get().file().length() != content.length) {
          world.find(Verdict.BROKEN, step, "target \"" + t.getKey() + "\" has length " + info.get().file().length() + ", published " + content.length);
        }
      }
      MetadataStore stored = new MetadataStore(metadata);
      for (Map.Entry<String, byte[]> e : acknowledged.entrySet()) {
        Optional<byte[]> got = stored.read(e.getKey(), MAX_METADATA);
        if (got.isPresent() && !Arrays.equals(got.get(), e.getValue())) {
          world.find(Verdict.BROKEN, step, "the reference client holds a " + e.getKey() + " other than the one published (sha256 "
              + Hashes.sha256(got.get()).substring(0, 16) + "… vs " + Hashes.sha256(e.getValue()).substring(0, 16) + "…)");
        }
      }
      world.note("the reference client refreshed " + gun + ": " + updater.trustedVersions().map(Object::toString).orElse(""));
    } catch (Exception e) {
      world.find(Verdict.BROKEN, step, "the reference client (Notary dialect) cannot update from the server: "
          + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  @Then("the notary client lists every published target")
  public void notaryClientLists() {
    if (!NotaryClient.isInstalled()) {
      world.note("the real notary client is not installed: " + NotaryClient.NOT_INSTALLED);
      return;
    }
    NotaryClient client = NotaryClient.builder(world.server().url(), world.dir().resolve("notary-" + UUID.randomUUID()))
        .timeout(Duration.ofSeconds(60)).build();
    CommandResult r = client.list(world.gun());
    if (!r.ok()) {
      world.find(Verdict.BROKEN, "the notary client lists every published target", "notary list failed: " + r.output().strip());
      return;
    }
    for (Map.Entry<String, String> t : world.publishedTargets().entrySet()) {
      String sha = Hashes.sha256(ServerWorld.bytes(t.getValue()));
      if (!r.stdout().contains(t.getKey()) || !r.stdout().contains(sha)) {
        world.find(Verdict.BROKEN, "the notary client lists every published target",
            "notary list does not show \"" + t.getKey() + "\" with sha256 " + sha + ": " + r.stdout().strip());
      }
    }
    world.note("notary list: " + r.stdout().strip().replace('\n', '|'));
  }

  @Then("the server serves a timestamp that has not expired")
  public void timestampNotExpired() {
    Instant expires = timestampExpiry("the server serves a timestamp that has not expired");
    if (expires != null && !expires.isAfter(world.serverNow())) {
      world.find(Verdict.BROKEN, "the server serves a timestamp that has not expired",
          "timestamp.json expired at " + expires + ", the server's clock says " + world.serverNow());
    }
  }

  @Then("the server serves a timestamp valid for at least {int} hour(s)")
  public void timestampValidFor(int hours) {
    Instant expires = timestampExpiry("the server serves a timestamp valid for at least " + hours + " hours");
    if (expires != null && expires.isBefore(world.serverNow().plus(Duration.ofHours(hours)))) {
      world.find(Verdict.BROKEN, "the server serves a timestamp valid for at least " + hours + " hours",
          "timestamp.json expires at " + expires);
    } else if (expires != null) {
      world.note("timestamp.json expires " + expires + " (" + Duration.between(world.serverNow(), expires).toHours() + " h from the server's now)");
    }
  }

  private Instant timestampExpiry(String step) {
    NotaryHttp.Answer a = world.http().get(NotaryHttp.tufPath(world.gun(), "timestamp.json"));
    if (!a.ok()) {
      world.find(Verdict.BROKEN, step, "no timestamp: " + a.exchange().describe());
      return null;
    }
    return expires(a.body());
  }

  @Then("the server serves no expired role")
  public void noExpiredRole() {
    for (String role : world.roleNames()) {
      NotaryHttp.Answer a = world.http().get(NotaryHttp.tufPath(world.gun(), role + ".json"));
      if (a.ok()) {
        Instant expires = expires(a.body());
        if (expires != null && !expires.isAfter(world.serverNow())) {
          world.find(Verdict.BROKEN, "the server serves no expired role", role + ".json expired at " + expires);
        }
      }
    }
  }

  private static Instant expires(byte[] body) {
    try {
      JsonNode e = Json.parse(body).path("signed").path("expires");
      return e.isTextual() ? Instant.parse(e.asText()) : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  @Then("the second repository is served exactly as before")
  public void otherUnchanged() {
    for (Map.Entry<String, ServedState> e : world.othersBefore().entrySet()) {
      List<String> notes = new ArrayList<>();
      List<ServedState.Change> changes = e.getValue().again(world.http()).changesSince(e.getValue(), notes);
      notes.forEach(world::note);
      findChanges("the second repository is served exactly as before", "repository " + e.getKey() + ": ", changes);
    }
  }

  @Then("the server serves no file of one repository under the other's name")
  public void noCrossRepository() {
    for (String other : world.othersAcknowledged().keySet()) {
      cross(world.gun(), world.acknowledged(), other);
      cross(other, world.othersAcknowledged().get(other), world.gun());
    }
  }

  private void cross(String owner, Map<String, byte[]> files, String asking) {
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      String path = NotaryHttp.tufPath(asking, f.getKey() + "." + Hashes.sha256(f.getValue()) + ".json");
      NotaryHttp.Answer a = world.http().get(path);
      if (a.ok() && Arrays.equals(a.body(), f.getValue())) {
        world.find(Verdict.VULNERABLE, "the server serves no file of one repository under the other's name",
            "GET " + path + " -> 200 with " + owner + "'s " + f.getKey());
      }
    }
  }

  @Then("the server accepts exactly one of the concurrent uploads")
  public void exactlyOne() {
    List<NotaryHttp.Answer> answers = world.lastUploads();
    long accepted = answers.stream().filter(NotaryHttp.Answer::ok).count();
    world.note(accepted + " of " + answers.size() + " concurrent uploads accepted; statuses "
        + answers.stream().map(a -> a.status() + NotaryPublisher.errorCode(a.body()).map(c -> " " + c).orElse("")).toList());
    if (accepted == 0) {
      world.find(Verdict.BROKEN, "the server accepts exactly one of the concurrent uploads", "it accepted none: "
          + answers.get(0).exchange().describe());
    } else if (accepted > 1) {
      world.find(Verdict.VULNERABLE, "the server accepts exactly one of the concurrent uploads", "it acknowledged " + accepted
          + " different uploads of the same targets version; all but one are lost");
    }
  }

  @Then("the server serves the one upload it accepted")
  public void servesTheWinner() {
    List<NotaryHttp.Answer> answers = world.lastUploads();
    NotaryHttp.Answer served = world.http().get(NotaryHttp.tufPath(world.gun(), "targets.json"));
    boolean match = false;
    for (int i = 0; i < answers.size(); i++) {
      if (answers.get(i).ok()) {
        byte[] targets = world.raceUploads().get(i).get("targets");
        if (served.ok() && Arrays.equals(served.body(), targets)) {
          match = true;
          world.acknowledged().putAll(world.raceUploads().get(i));
        }
      }
    }
    if (!match && answers.stream().anyMatch(NotaryHttp.Answer::ok)) {
      world.find(Verdict.BROKEN, "the server serves the one upload it accepted",
          "targets.json (" + served.status() + ") is none of the acknowledged uploads");
    }
  }

  @Then("the server accepts every upload")
  public void acceptsEvery() {
    for (NotaryHttp.Answer a : world.lastUploads()) {
      if (!a.ok()) {
        world.find(Verdict.BROKEN, "the server accepts every upload", "refused an honest upload: " + a.exchange().describe());
      }
    }
  }

  @Then("the server serves every repository exactly as its publisher uploaded it")
  public void everyRepository() {
    for (Map.Entry<String, Map<String, byte[]>> e : world.othersAcknowledged().entrySet()) {
      for (Map.Entry<String, byte[]> f : e.getValue().entrySet()) {
        String path = NotaryHttp.tufPath(e.getKey(), f.getKey() + ".json");
        NotaryHttp.Answer a = world.http().get(path);
        if (!a.ok() || !Arrays.equals(a.body(), f.getValue())) {
          world.find(Verdict.BROKEN, "the server serves every repository exactly as its publisher uploaded it",
              "GET " + path + " -> " + a.status() + (a.ok() ? " with other bytes" : ""));
        }
      }
    }
  }

  @Then("the server is still healthy")
  public void healthy() {
    if (!world.server().isHealthy()) {
      world.find(Verdict.BROKEN, "the server is still healthy", world.server().name() + " no longer answers its health check"
          + world.server().exitReport().map(r -> "; the process has exited: " + r).orElse(""));
    }
  }

  @Then("the server answered every request of the burst")
  public void burstAnswered() {
    Burst.Result r = world.burst();
    world.note("burst: " + r.describe());
    long errors = r.byStatus().entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(Map.Entry::getValue).sum();
    if (!r.finishedInTime()) {
      world.find(Verdict.BROKEN, "the server answered every request of the burst", "not finished in time: " + r.describe());
    } else if (r.failures() > 0 || errors > 0) {
      world.find(Verdict.BROKEN, "the server answered every request of the burst", r.describe());
    }
  }

  @Then("the server still serves everything it acknowledged")
  public void everythingAcknowledged() {
    ServedState before = world.before().orElseThrow();
    List<String> notes = new ArrayList<>();
    List<ServedState.Change> changes = before.again(world.http()).changesSince(before, notes);
    notes.forEach(world::note);
    if (!changes.isEmpty()) {
      world.find(Verdict.BROKEN, "the server still serves everything it acknowledged", "after the restart (" + world.server().storage()
          + ") " + changes.size() + " served file(s) differ: " + describe(changes, 6));
    }
  }

  @Then("the server still accepts an honest upload")
  public void stillAccepts() {
    world.publisher().addTarget("after", ServerWorld.bytes("after"));
    world.publisher().publish();
    Map<String, byte[]> files = new java.util.LinkedHashMap<>();
    for (String role : List.of("targets", "snapshot")) {
      files.put(role, world.publisher().current(role).orElseThrow().bytes());
    }
    NotaryHttp.Answer a = world.http().upload(world.gun(), files, world.authorization().orElse(null));
    if (!a.ok()) {
      world.find(Verdict.BROKEN, "the server still accepts an honest upload", a.exchange().describe());
    } else {
      world.acknowledged().putAll(files);
      world.publishedTargets().put("after", "after");
    }
  }

  /** Other bytes served are the attack getting through (VULNERABLE); no answer at all is a server gone down (BROKEN). */
  private void findChanges(String step, String prefix, List<ServedState.Change> changes) {
    List<ServedState.Change> altered = changes.stream().filter(c -> !c.unanswered()).toList();
    List<ServedState.Change> unanswered = changes.stream().filter(ServedState.Change::unanswered).toList();
    if (!altered.isEmpty()) {
      world.find(Verdict.VULNERABLE, step, prefix + altered.size() + " served file(s) changed: " + describe(altered, 8));
    }
    if (!unanswered.isEmpty()) {
      world.find(Verdict.BROKEN, step, prefix + unanswered.size() + " served file(s) no longer answered: " + describe(unanswered, 3));
    }
  }

  private static String describe(List<ServedState.Change> changes, int most) {
    return String.join("; ", changes.subList(0, Math.min(most, changes.size())).stream().map(ServedState.Change::toString).toList());
  }
}
