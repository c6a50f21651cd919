package dev.mallory.steps.server;

import dev.mallory.engine.NotApplicableException;
import dev.mallory.engine.VerdictException;
import dev.mallory.repo.Repository;
import dev.mallory.server.client.NotaryHttp;
import dev.mallory.server.client.NotaryPublisher;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import java.util.Map;

/**
 * What honest publishers do to the server (features/server_validation.feature): the repositories
 * a scenario starts from and the honest uploads it expects to be accepted. Malicious uploads are in
 * {@link MaliciousUploadSteps}; anonymous clients, time, load and crashes in {@link EnvironmentSteps}.
 */
public final class PublisherSteps {
  private final ServerWorld world;
  private final Uploads uploads;

  public PublisherSteps(ServerWorld world, Uploads uploads) {
    this.world = world;
    this.uploads = uploads;
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
    uploads.rememberRotatedOut(world.publisher().keys("targets"));
    world.publisher().rotateKeys("targets");
    world.publisher().publish();
    world.mustAccept("a targets key rotation (root, targets, snapshot)", uploads.changedFiles());
  }

  @Given("a publisher has given the targets role {int} keys with threshold {int}")
  public void targetsThreshold(int keys, int threshold) {
    world.publisher().setKeys("targets", keys, threshold);
    world.publisher().publish();
    world.mustAccept("a root giving targets " + keys + " keys with threshold " + threshold, uploads.changedFiles());
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
    if (world.upload(uploads.changedFiles(), world.authorization().orElse(null)).ok()) {
      world.publishedTargets().put(name, content);
    }
  }

  @When("a publisher rotates the targets key")
  public void rotateTargetsKey() {
    world.captureBefore();
    world.attack("an honest publisher rotates the targets key (root, targets, snapshot)");
    world.publisher().rotateKeys("targets");
    world.publisher().publish();
    world.upload(uploads.changedFiles(), world.authorization().orElse(null));
  }
}
