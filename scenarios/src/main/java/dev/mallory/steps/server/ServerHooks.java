package dev.mallory.steps.server;

import dev.mallory.engine.RunContext;
import dev.mallory.engine.VerdictException;
import dev.mallory.report.Evidence;
import dev.mallory.report.Verdict;
import dev.mallory.server.client.Exchange;
import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import io.cucumber.java.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Life cycle of a server-validation scenario (tag {@code @server-validation} only, so client
 * scenarios never see these hooks). Before: a fresh server under test, started. After: the findings
 * become one verdict, the worst (VULNERABLE > BROKEN > PROTECTED), recorded with its evidence (every
 * request that changed or tried to change the server, exactly as sent) and thrown as a
 * {@link VerdictException} unless PROTECTED; then the server is stopped.
 */
public final class ServerHooks {
  /** Evidence keeps at most this many exchanges (uploads, deletes, key rotations; GETs are counted). */
  private static final int MAX_EXCHANGES = 40;

  private final ServerWorld world;

  public ServerHooks(ServerWorld world) {
    this.world = world;
  }

  @Before(value = "@server-validation", order = 10)
  public void begin() {
    world.begin(RunContext.current().newServer());
  }

  @After(value = "@server-validation", order = 10)
  public void finish(Scenario scenario) {
    Verdict verdict = world.worst();
    try {
      RunContext.current().recordEvidence(scenario.getId(), evidence(verdict));
    } finally {
      world.close();
    }
    if (scenario.getStatus() == Status.PASSED && verdict != Verdict.PROTECTED) {
      throw new VerdictException(verdict, world.findings().stream().filter(f -> f.verdict() == verdict)
          .map(f -> f.step() + ": " + f.observation()).collect(Collectors.joining("; ")));
    }
  }

  private Evidence evidence(Verdict verdict) {
    List<Exchange> all = world.exchanges();
    List<String> lines = new ArrayList<>();
    long gets = 0;
    for (Exchange e : all) {
      if (e.method().equals("GET")) {
        gets++;
      } else if (lines.size() < MAX_EXCHANGES) {
        lines.add(e.describe());
      }
    }
    List<String> notes = new ArrayList<>();
    world.findings().forEach(f -> notes.add(f.toString()));
    notes.addAll(world.notes());
    notes.add(gets + " GET requests (served-state captures and client reads) not listed");
    String outcome = world.server() == null ? "" : "server " + world.server().name() + ", repository " + world.gun() + ": " + verdict;
    return new Evidence(world.attackText(), lines, outcome, java.util.Map.of(), notes);
  }
}
