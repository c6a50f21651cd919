package dev.mallory.steps;

import dev.mallory.engine.VerdictException;
import dev.mallory.report.Verdict;
import dev.mallory.steps.world.ClientAction;
import dev.mallory.steps.world.Findings;
import dev.mallory.steps.world.ScenarioWorld;
import dev.mallory.sut.ClientOutcome;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import java.util.ArrayList;
import java.util.List;

/**
 * The Client steps of features/README.md. Actions are recorded as the client's last action;
 * preconditions ({@code the client has ...}) must succeed, and a failure stops the scenario as
 * BROKEN (a legitimate update failed), or ERROR when the harness could not run the client.
 */
public final class ClientSteps {
  private final ScenarioWorld world;

  public ClientSteps(ScenarioWorld world) {
    this.world = world;
  }

  @Given("the client is initialised with the repository's root")
  public void initialisedWithRoot() {
    world.session(); // the default: root version 1 out of band, handed over at the first action
  }

  @Given("the client has refreshed")
  public void hasRefreshed() {
    require("the client has refreshed", act(ClientAction.Kind.REFRESH, List.of()));
  }

  @When("the client refreshes")
  public void refreshes() {
    act(ClientAction.Kind.REFRESH, List.of());
  }

  @Given("the client has downloaded target {string}")
  public void hasDownloaded(String path) {
    require("the client has downloaded target \"" + path + "\"", act(ClientAction.Kind.DOWNLOAD, List.of(path)));
  }

  @When("the client downloads target {string}")
  public void downloads(String path) {
    act(ClientAction.Kind.DOWNLOAD, List.of(path));
  }

  @When("the client downloads targets {string} and {string}")
  public void downloadsTwo(String first, String second) {
    act(ClientAction.Kind.DOWNLOAD, List.of(first, second));
  }

  private ClientAction act(ClientAction.Kind kind, List<String> targets) {
    world.published();
    return world.session().act(kind, targets);
  }

  private void require(String step, ClientAction action) {
    if (action.succeeded()) {
      return;
    }
    Verdict verdict = action.outcome() instanceof ClientOutcome.HarnessFault ? Verdict.ERROR : Verdict.BROKEN;
    List<Verdict> all = new ArrayList<>(world.findings().all().stream().map(f -> f.verdict()).toList());
    all.add(verdict);
    Verdict worst = Findings.worstOf(all);
    throw new VerdictException(worst, "precondition '" + step + "' failed: " + action.outcome().describe());
  }
}
