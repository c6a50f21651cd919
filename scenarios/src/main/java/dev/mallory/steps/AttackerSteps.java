package dev.mallory.steps;

import dev.mallory.crypto.SigningKey;
import dev.mallory.steps.attack.Behaviour;
import dev.mallory.steps.params.FileRef;
import dev.mallory.steps.params.KeySelection;
import dev.mallory.steps.params.Response;
import dev.mallory.steps.params.RoleRef;
import dev.mallory.steps.world.ScenarioWorld;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Attacker steps of features/README.md. Only implemented steps are defined: any other attacker
 * step stays undefined, so its scenario is an ERROR, never a silent pass.
 */
public final class AttackerSteps {
  private final ScenarioWorld world;

  public AttackerSteps(ScenarioWorld world) {
    this.world = world;
  }

  @Given("the attacker has stolen {keys}")
  public void stolen(KeySelection keys) {
    world.attacks().step("the attacker has stolen " + keys);
    for (KeySelection.Group g : keys.groups()) {
      List<SigningKey> all = world.published().keys(g.role().name());
      List<SigningKey> taken = g.count().isPresent() ? all.subList(0, Math.min(g.count().getAsInt(), all.size())) : all;
      world.attacker().steal(g.role().name(), taken);
    }
  }

  @When("the attacker replays {role} version {long}")
  public void replays(RoleRef role, long version) {
    world.attacks().step("the attacker replays " + role + " version " + version);
    world.attacker().add(new Behaviour.Replay(role.name(), version, true));
  }

  @When("the attacker serves {role} from version {long} with the rest current")
  public void servesFromVersion(RoleRef role, long version) {
    world.attacks().step("the attacker serves " + role + " from version " + version + " with the rest current");
    world.attacker().add(new Behaviour.Replay(role.name(), version, false));
  }

  @When("the attacker serves the repository as recorded at version {long}")
  public void recordedState(long version) {
    world.attacks().step("the attacker serves the repository as recorded at version " + version);
    world.attacker().add(new Behaviour.RecordedState(version));
  }

  @When("the attacker replaces target {string} with {string}")
  public void replacesTarget(String path, String text) {
    world.attacks().step("the attacker replaces target \"" + path + "\" with \"" + text + "\"");
    world.attacker().add(new Behaviour.ReplaceTarget(path, text.getBytes(StandardCharsets.UTF_8)));
  }

  @When("the attacker responds to {file} with {response}")
  public void respondsWith(FileRef file, Response response) {
    world.attacks().step("the attacker responds to " + file + " with " + response);
    if (file instanceof FileRef.Target t) {
      world.attacker().add(new Behaviour.Respond(null, t.path(), response));
    } else {
      world.attacker().add(new Behaviour.Respond(((FileRef.Metadata) file).role().name(), null, response));
    }
  }

  @When("the attack stops")
  public void attackStops() {
    world.stopAttacks();
  }
}
