package dev.mallory.steps;

import dev.mallory.steps.world.ScenarioWorld;
import io.cucumber.java.en.When;

/**
 * The Attacker steps of features/README.md. Only steps that are implemented are defined: any other
 * attacker step stays undefined, so its scenario is an ERROR, never a silent pass.
 */
public final class AttackerSteps {
  private final ScenarioWorld world;

  public AttackerSteps(ScenarioWorld world) {
    this.world = world;
  }

  @When("the attack stops")
  public void attackStops() {
    world.stopAttacks();
  }
}
