package dev.mallory.steps;

import dev.mallory.engine.RunContext;
import dev.mallory.engine.VerdictException;
import dev.mallory.report.Evidence;
import dev.mallory.report.Verdict;
import dev.mallory.steps.world.ClientAction;
import dev.mallory.steps.world.ClientSession;
import dev.mallory.steps.world.Finding;
import dev.mallory.steps.world.JournalObservations;
import dev.mallory.steps.world.ScenarioWorld;
import dev.mallory.sut.ClientUnderTest;
import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import io.cucumber.java.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scenario life cycle. Before: a fresh client, and NOT_APPLICABLE decided from tags against its
 * capabilities. After: the soft assertions of the outcome steps become one verdict, the worst of
 * them (VULNERABLE > BROKEN > PROTECTED), recorded with its evidence and thrown as a
 * {@link VerdictException} unless PROTECTED; then everything the scenario started is stopped.
 */
public final class Hooks {
  private final ScenarioWorld world;

  public Hooks(ScenarioWorld world) {
    this.world = world;
  }

  /** Client scenarios only: content-trust and server-validation scenarios have worlds of their own. */
  static final String CLIENT_SCENARIOS = "not @content-trust and not @server-validation";

  @Before(value = CLIENT_SCENARIOS, order = 0)
  public void begin(Scenario scenario) {
    List<String> tags = List.copyOf(scenario.getSourceTagNames());
    Applicability.check(tags, RunContext.current().capabilities()); // before any client starts
    ClientUnderTest client = RunContext.current().newClient();
    world.begin(scenario.getName(), tags, client);
  }

  @After(value = CLIENT_SCENARIOS, order = 0)
  public void finish(Scenario scenario) {
    Verdict verdict = world.findings().worst();
    // A server that died under the scenario leaves the client's behaviour unexplained: no verdict.
    Optional<String> fault = world.environmentFault();
    fault.ifPresent(f -> world.note("not judged: " + f));
    try {
      RunContext.current().recordEvidence(scenario.getId(), evidence());
    } finally {
      world.close();
    }
    // A step that already failed (a precondition, an undefined step, a harness fault) decided the
    // verdict; only a scenario whose steps all ran is judged from its findings.
    if (fault.isPresent()) {
      throw new VerdictException(Verdict.ERROR, "not judged: the server hosting the repository failed during the scenario");
    }
    if (scenario.getStatus() == Status.PASSED && verdict != Verdict.PROTECTED) {
      throw new VerdictException(verdict, summary(verdict));
    }
  }

  private String summary(Verdict verdict) {
    List<String> lines = new ArrayList<>();
    for (Finding f : world.findings().all()) {
      if (f.verdict() == verdict) {
        lines.add(f.step() + ": " + f.observation());
      }
    }
    return String.join("; ", lines);
  }

  private Evidence evidence() {
    String outcome = world.existingSession().flatMap(ClientSession::last).map(ClientAction::describe).orElse("");
    Map<String, Long> trusted = Map.of();
    if (world.existingSession().isPresent()) {
      try {
        trusted = world.client().trustedVersions();
      } catch (RuntimeException e) {
        world.note("trusted versions unreadable: " + e.getMessage());
      }
    }
    List<String> notes = new ArrayList<>();
    world.findings().all().forEach(f -> notes.add(f.toString()));
    notes.addAll(world.notes());
    List<String> exchanges = List.of();
    try {
      exchanges = new JournalObservations(world).excerpt();
    } catch (RuntimeException e) {
      notes.add("journal unreadable: " + e.getMessage());
    }
    return new Evidence(String.join("; ", world.attacks().steps()), exchanges, outcome, trusted, notes);
  }
}
