package dev.mallory.steps;

import dev.mallory.report.Verdict;
import dev.mallory.steps.params.FileRef;
import dev.mallory.steps.params.ReasonWords;
import dev.mallory.steps.params.RoleRef;
import dev.mallory.steps.world.ClientAction;
import dev.mallory.steps.world.ClientSession;
import dev.mallory.steps.world.Finding;
import dev.mallory.steps.world.JournalObservations;
import dev.mallory.steps.world.Observations;
import dev.mallory.steps.world.ScenarioWorld;
import dev.mallory.sut.ClientOutcome;
import io.cucumber.java.en.Then;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The Outcome steps of features/README.md. Each records a {@link Finding} (a soft assertion) and
 * never stops the scenario: the After hook computes the verdict from all of them.
 */
public final class OutcomeSteps {
  private final ScenarioWorld world;
  private final Observations observe;
  private final JournalObservations journal;

  public OutcomeSteps(ScenarioWorld world) {
    this.world = world;
    this.observe = new Observations(world);
    this.journal = new JournalObservations(world);
  }

  @Then("the update is refused")
  public void refused() {
    String step = "the update is refused";
    record(refusal(step, observe.lastAction(step)));
  }

  @Then("the update is refused because of {reasons}")
  public void refusedBecause(ReasonWords reasons) {
    String step = "the update is refused because of " + reasons;
    ClientAction action = observe.lastAction(step);
    Finding refusal = refusal(step, action);
    if (refusal.failed()) {
      record(refusal);
      return;
    }
    ClientOutcome.Refused refused = (ClientOutcome.Refused) action.outcome();
    if (refused.reason().isEmpty()) {
      record(Finding.passed(step, "refused; reason not observed for this client: " + refused.error()));
    } else if (reasons.accepts(refused.reason().get())) {
      record(Finding.passed(step, "refused because of " + refused.reason().get()));
    } else {
      record(new Finding(Verdict.BROKEN, step, "refused for another reason: " + refused.describe()));
    }
  }

  /** Refused: the last action failed. Success, or a hang until the deadline, let the attack through. */
  private Finding refusal(String step, ClientAction action) {
    Optional<Finding> fault = observe.harnessFault(step, action);
    if (fault.isPresent()) {
      return fault.get();
    }
    ClientOutcome outcome = action.outcome();
    if (outcome instanceof ClientOutcome.Refused r) {
      return Finding.passed(step, r.describe());
    }
    if (outcome instanceof ClientOutcome.TimedOut t) {
      return new Finding(Verdict.VULNERABLE, step, "the client hung until its deadline: " + t.describe());
    }
    return new Finding(Verdict.VULNERABLE, step, "the client reported success: " + outcome.describe());
  }

  @Then("the update succeeds")
  public void succeeds() {
    String step = "the update succeeds";
    ClientAction action = observe.lastAction(step);
    record(observe.harnessFault(step, action).orElseGet(() -> action.succeeded()
        ? Finding.passed(step, action.outcome().describe())
        : new Finding(Verdict.BROKEN, step, action.outcome().describe())));
  }

  @Then("the update succeeds despite the attack")
  public void succeedsDespiteAttack() {
    String step = "the update succeeds despite the attack";
    ClientAction action = observe.lastAction(step);
    Optional<Finding> fault = observe.harnessFault(step, action);
    if (fault.isPresent()) {
      record(fault.get());
      return;
    }
    if (!action.succeeded()) {
      record(new Finding(Verdict.VULNERABLE, step, "the attacker prevented the update: " + action.outcome().describe()));
      return;
    }
    if (!world.session().setup().fallbackMirrors().isEmpty() && world.journalDuring(action).isEmpty()) {
      // The attacker runs the first mirror: a client that never asked it was never attacked.
      throw new dev.mallory.engine.VerdictException(Verdict.ERROR, "inconclusive: the client never asked the first mirror (the attacker's) during \""
          + step + "\"; ask it first, as the mirror order says");
    }
    List<Finding> stale = observe.upToDate(step, action);
    if (stale.isEmpty()) {
      record(Finding.passed(step, "succeeded with genuine data"));
    } else {
      // Succeeded but not with the genuine, current data: the attacker prevented the update.
      stale.forEach(f -> record(new Finding(Verdict.VULNERABLE, f.step(), f.observation())));
    }
  }

  @Then("the client (still )trusts {role} version {long}")
  public void trusts(RoleRef role, long version) {
    String step = "the client trusts " + role + " version " + version;
    observe.lastAction(step);
    record(observe.trusts(step, role.name(), version));
  }

  @Then("the client trusts no {role}")
  public void trustsNo(RoleRef role) {
    String step = "the client trusts no " + role;
    observe.lastAction(step);
    record(observe.trustsNothing(step, role.name()));
  }

  @Then("target {string} was not written")
  public void notWritten(String path) {
    record(observe.targetNotWritten("target \"" + path + "\" was not written", path));
  }

  @Then("the client wrote target {string} containing {string}")
  public void wrote(String path, String text) {
    String step = "the client wrote target \"" + path + "\" containing \"" + text + "\"";
    observe.lastAction(step);
    record(observe.wroteTarget(step, path, text.getBytes(StandardCharsets.UTF_8)));
  }

  @Then("nothing was written outside the client's directories")
  public void nothingOutside() {
    String step = "nothing was written outside the client's directories";
    observe.lastAction(step);
    record(observe.nothingOutside(step));
  }

  /**
   * (1) the attack stops, (2) the repository publishes a new version, (3) the client repeats its
   * last action, which must succeed with the current genuine version of every role it fetched and
   * the current genuine content of every target. Refused: BROKEN (left unusable); attacker data
   * still held: VULNERABLE.
   */
  @Then("the client updates normally once the attack stops")
  public void updatesNormally() {
    String step = "the client updates normally once the attack stops";
    ClientAction previous = observe.lastAction(step);
    world.stopAttacks();
    world.published().history().publishNewVersion();
    ClientAction again = world.session().act(previous.kind(), previous.targets());
    Optional<Finding> fault = observe.harnessFault(step, again);
    if (fault.isPresent()) {
      record(fault.get());
      return;
    }
    List<Finding> stale = observe.upToDate(step, again);
    stale.stream().filter(f -> f.verdict() == Verdict.VULNERABLE).forEach(this::record);
    if (!again.succeeded()) {
      record(new Finding(Verdict.BROKEN, step, "left unable to update: " + again.outcome().describe()));
    } else if (!stale.isEmpty()) {
      stale.stream().filter(f -> f.verdict() != Verdict.VULNERABLE).forEach(this::record);
    } else {
      record(Finding.passed(step, "updated to the current genuine versions"));
    }
  }

  /**
   * Only in {@code @limit} scenarios, always INFORMATIONAL: records whether the attack got
   * through as documented, or the client was stricter than TUF requires.
   */
  @Then("the attack succeeds")
  public void attackSucceeds() {
    String step = "the attack succeeds";
    if (!world.tags().contains("@limit")) {
      throw new IllegalStateException("'the attack succeeds' is only allowed in @limit scenarios");
    }
    ClientAction action = observe.lastAction(step);
    Optional<Finding> fault = observe.harnessFault(step, action);
    if (fault.isPresent()) {
      record(fault.get());
      return;
    }
    if (action.succeeded()) {
      world.note("got through as documented: " + action.outcome().describe());
      record(Finding.passed(step, "the attack got through, as TUF documents"));
    } else {
      world.note("refused: stricter than TUF requires: " + action.outcome().describe());
      record(new Finding(Verdict.BROKEN, step, "refused, stricter than TUF requires (informational)"));
    }
  }

  // ---- journal-based outcomes ----------------------------------------------------------------

  @Then("the client stopped reading {file} within its length limit")
  public void stoppedReading(FileRef file) {
    String step = "the client stopped reading " + file + " within its length limit";
    ClientAction action = observe.lastAction(step);
    record(observe.harnessFault(step, action).orElseGet(() -> journal.stoppedReadingWithinLimit(step, action, file)));
  }

  @Then("the client gave up on {file} within {int} seconds")
  public void gaveUp(FileRef file, int seconds) {
    String step = "the client gave up on " + file + " within " + seconds + " seconds";
    ClientAction action = observe.lastAction(step);
    record(observe.harnessFault(step, action).orElseGet(() -> journal.gaveUp(step, action, file, seconds)));
  }

  @Then("the client did not request {file}")
  public void didNotRequest(FileRef file) {
    String step = "the client did not request " + file;
    ClientAction action = observe.lastAction(step);
    record(observe.harnessFault(step, action).orElseGet(() -> journal.didNotRequest(step, action, file)));
  }

  @Then("the client stored {role} exactly as it was served")
  public void storedAsServed(RoleRef role) {
    String step = "the client stored " + role + " exactly as it was served";
    ClientAction action = observe.lastAction(step);
    record(observe.harnessFault(step, action).orElseGet(() -> journal.storedAsServed(step, role.name())));
  }

  @Then("the client trusts no dependency of target {string} on {string}")
  public void noDependency(String name, String dependency) {
    String step = "the client trusts no dependency of target \"" + name + "\" on \"" + dependency + "\"";
    observe.lastAction(step);
    record(journal.noDependency(step, name, dependency));
  }

  private void record(Finding finding) {
    world.findings().add(finding);
  }

  /** For steps that only need the session to exist. */
  @SuppressWarnings("unused")
  private ClientSession session() {
    return world.session();
  }
}
