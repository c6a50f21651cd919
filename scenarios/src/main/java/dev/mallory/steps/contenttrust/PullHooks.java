package dev.mallory.steps.contenttrust;

import dev.mallory.engine.NotApplicableException;
import dev.mallory.engine.RunContext;
import dev.mallory.engine.VerdictException;
import dev.mallory.engine.ScenarioIds;
import dev.mallory.report.Evidence;
import dev.mallory.report.Verdict;
import dev.mallory.sut.pull.ImagePuller;
import dev.mallory.sut.pull.PullBackends;
import dev.mallory.sut.pull.PullSystem;
import dev.mallory.sut.pull.RealBackend;
import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import io.cucumber.java.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Life cycle of a {@code @content-trust} scenario. Before: the system under test must be a pull
 * client ({@code pull:PULLER@BACKEND}, read from the run's system name; any other system is
 * NOT_APPLICABLE), then a fresh backend and sandbox. After: the worst finding of the outcome steps
 * becomes the verdict (VULNERABLE > BROKEN > PROTECTED), recorded with its evidence and thrown as a
 * {@link VerdictException} unless PROTECTED; the backend's processes are stopped.
 */
public final class PullHooks {
  private final PullWorld world;

  public PullHooks(PullWorld world) {
    this.world = world;
  }

  @Before(value = "@content-trust", order = 100)
  public void begin(Scenario scenario) {
    String systemName = RunContext.current().systemName();
    if (!PullSystem.isPullSpec(systemName)) {
      throw new NotApplicableException(systemName + " is not an image pull client (content-trust scenarios run against "
          + PullSystem.usage() + ")");
    }
    world.system = PullSystem.parse(systemName);
    if (world.system.backend() == PullSystem.Backend.REAL) {
      RealBackend.unavailable().ifPresent(why -> {
        throw new IllegalStateException("backend real: " + why);
      });
    }
    try {
      world.scenarioDir = Files.createDirectories(RunContext.current().workRoot().resolve("content-trust")
          .resolve(ScenarioIds.slug(scenario.getName()) + "-" + UUID.randomUUID().toString().substring(0, 8)));
      world.sandbox = Files.createDirectories(world.scenarioDir.resolve("sandbox"));
      world.targetRoot = world.sandbox.resolve("area/pulls/rootfs");
      Files.createDirectories(world.targetRoot.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    world.puller = ImagePuller.of(world.system.puller());
    world.backend = PullBackends.start(world.system.backend(), world.scenarioDir.resolve("backend"));
    world.notes.add("backend: " + world.backend.describe());
  }

  @After(value = "@content-trust", order = 100)
  public void finish(Scenario scenario) {
    if (!world.active()) {
      return; // not applicable, or the backend did not start: the Before hook's error decides
    }
    Verdict verdict = world.worst();
    try {
      RunContext.current().recordEvidence(scenario.getId(), evidence());
    } finally {
      try {
        world.backend.close();
      } finally {
        PullWorld.deleteTree(world.scenarioDir); // the evidence is recorded; a naive pull may have left a bomb here
      }
    }
    if (scenario.getStatus() == Status.PASSED && verdict != Verdict.PROTECTED) {
      List<String> lines = new ArrayList<>();
      for (PullWorld.Finding f : world.findings) {
        if (f.verdict() == verdict) {
          lines.add(f.step() + ": " + f.observation());
        }
      }
      throw new VerdictException(verdict, String.join("; ", lines));
    }
  }

  private Evidence evidence() {
    List<String> notes = new ArrayList<>();
    world.findings.forEach(f -> notes.add(f.toString()));
    notes.addAll(world.notes);
    List<String> exchanges = world.backend instanceof RealBackend real ? real.journal() : List.of();
    return new Evidence(String.join("; ", world.attacks), exchanges, String.join("\n", world.pulls), java.util.Map.of(), notes);
  }
}
