package dev.mallory.steps.server;

import dev.mallory.engine.NotApplicableException;
import dev.mallory.repo.Repository;
import dev.mallory.server.client.NotaryHttp;
import dev.mallory.server.client.NotaryPublisher;
import io.cucumber.java.en.When;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What the server's environment does (features/server_validation.feature): clients without
 * credentials or with another namespace's, the server's clock, concurrent publishers, a burst of
 * requests, crashes and restarts.
 */
public final class EnvironmentSteps {
  private final ServerWorld world;
  private final Uploads uploads;

  public EnvironmentSteps(ServerWorld world, Uploads uploads) {
    this.world = world;
    this.uploads = uploads;
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
    Map<String, byte[]> files = uploads.nextTargetsAndSnapshot("unauthorised");
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
    List<Map<String, byte[]>> racing = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      racing.add(uploads.nextTargetsAndSnapshot("race-" + i));
    }
    world.attack(n + " publishers holding the keys each upload a different targets version " + uploads.acknowledgedVersion("targets") + "+1 at once");
    String auth = world.authorization().orElse(null);
    List<NotaryHttp.Answer> answers = concurrently(n, i -> world.http().upload(world.gun(), racing.get(i), auth));
    world.setLastUploads(answers);
    world.setRaceUploads(racing);
  }

  @When("{int} publishers each publish a repository of their own at the same time")
  public void manyRepositories(int n) throws Exception {
    List<String> guns = new ArrayList<>();
    List<Map<String, byte[]>> created = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String gun = ServerWorld.newGun();
      Repository r = NotaryPublisher.clientRepository(world.http(), gun);
      r.addTarget("app-" + i, ServerWorld.bytes("app " + i));
      r.publish();
      guns.add(gun);
      created.add(NotaryPublisher.files(r, "root", "targets", "snapshot"));
      world.others().put(gun, r);
    }
    world.attack(n + " publishers each create a repository of their own at once");
    List<NotaryHttp.Answer> answers = concurrently(n, i -> world.http().upload(guns.get(i), created.get(i),
        world.server().pushAuthorization(guns.get(i)).orElse(null)));
    for (int i = 0; i < n; i++) {
      if (answers.get(i).ok()) {
        world.othersAcknowledged().put(guns.get(i), created.get(i));
      }
    }
    world.setLastUploads(answers);
  }

  @When("{int} requests for the repository's metadata arrive within {int} seconds")
  public void burst(int requests, int seconds) {
    world.captureBefore();
    world.attack(requests + " GET requests for the repository's metadata, 32 at a time, loopback, bounded to " + seconds + " s");
    world.setBurst(Burst.metadata(world.server().url(), world.gun(), requests, 32, Duration.ofSeconds(seconds)));
  }

  /**
   * The first {@code GET timestamp.key} of a GUN makes the server create that key, and the Notary
   * API asks no credentials for it: anyone can make a server create keys, as fast as it answers.
   */
  @When("{int} requests for the timestamp keys of new repositories arrive within {int} seconds")
  public void keyBurst(int requests, int seconds) {
    if (!world.server().restartable()) {
      throw new NotApplicableException(world.server().name() + " is run by someone else: a burst that may take it down runs only "
          + "against servers Mallory starts (cmd:, image:), so that the rest of the run does not go down with it");
    }
    world.captureBefore();
    String prefix = world.gun() + "-keys";
    world.attack(requests + " GET requests for timestamp.key of " + requests + " new repositories (" + prefix
        + "/N), 32 at a time, loopback, bounded to " + seconds + " s");
    world.setBurst(Burst.run(world.server().url(), i -> "/v2/" + prefix + "/" + i + "/_trust/tuf/timestamp.key", requests, 32,
        Duration.ofSeconds(seconds)));
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
}
