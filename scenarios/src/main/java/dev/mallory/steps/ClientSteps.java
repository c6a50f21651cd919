package dev.mallory.steps;

import dev.mallory.engine.NotApplicableException;
import dev.mallory.engine.VerdictException;
import dev.mallory.sut.Capability;
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
    world.initialiseBy(ScenarioWorld.Initialisation.OUT_OF_BAND);
    world.session(); // the default: root version 1 out of band, handed over at the first action
  }

  /**
   * The first root comes over the network, through the proxy, at the client's first action:
   * fetched by the client itself where it can (naive:tofu, notary:tofu), else by the engine as a
   * user following a "download root.json" guide would.
   */
  @Given("the client is initialised by trust on first use")
  public void trustOnFirstUse() {
    world.initialiseBy(ScenarioWorld.Initialisation.TRUST_ON_FIRST_USE);
    world.session();
  }

  /** As trust on first use, pinned to the repository's genuine root keys: only for clients that can pin. */
  @Given("the client is initialised by trust on first use with the repository's root keys pinned")
  public void trustOnFirstUsePinned() {
    if (!world.client().capabilities().contains(Capability.ROOT_KEY_PINNING)) {
      throw new NotApplicableException("the client under test cannot pin root keys for trust on first use (" + world.client().name()
          + "; notary:pinned can)");
    }
    world.initialiseBy(ScenarioWorld.Initialisation.TRUST_ON_FIRST_USE_PINNED);
    world.session();
  }

  /**
   * The first mirror is the attacker proxy (as in every scenario); the second is the repository's
   * own server, reached directly, which the attacker does not control.
   */
  @Given("the client uses two mirrors and the attacker runs the first")
  public void twoMirrors() {
    if (!world.client().capabilities().contains(Capability.MIRRORS)) {
      throw new NotApplicableException("the client under test accepts a single repository URL (" + world.client().name() + ")");
    }
    world.session().addFallbackMirror(world.published().hosting().url());
    world.note("mirrors: 1. the attacker's " + world.session().setup().metadataUrl() + ", 2. the honest "
        + world.published().hosting().url());
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
