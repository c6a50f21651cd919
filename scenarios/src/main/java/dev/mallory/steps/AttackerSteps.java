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
import java.time.Duration;
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
      List<SigningKey> all = world.published().stealKeys(g.role().name());
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
    world.attacker().add(new Behaviour.Respond(roleOf(file), targetOf(file), response));
  }

  /**
   * {@code the attacker serves a forged ROLE[ at version N][FORGERY]}: a regular expression, since
   * the optional parts carry parameters.
   */
  @When("^the attacker serves a forged (" + dev.mallory.steps.params.Grammar.ROLE + ")(?: at version (\\d+))?"
      + "(?: listing target \"([^\"]+)\" containing \"([^\"]*)\""
      + "| that makes target \"([^\"]+)\" depend on \"([^\"]+)\""
      + "| without role \"([^\"]+)\")?$")
  public void forged(String roleText, String version, String listed, String text, String dependent, String dependency,
      String without) {
    RoleRef parsed = RoleRef.parse(roleText);
    RoleRef role = parsed.isTopLevel() ? parsed : new RoleRef(world.roleName(parsed.name()));
    StringBuilder step = new StringBuilder("the attacker serves a forged " + role);
    Long v = version == null ? null : Long.parseLong(version);
    if (v != null) {
      step.append(" at version ").append(v);
    }
    Behaviour.Forgery forgery;
    if (listed != null) {
      forgery = new Behaviour.Forgery.ListTarget(listed, text.getBytes(StandardCharsets.UTF_8));
      step.append(" listing target \"").append(listed).append("\" containing \"").append(text).append('"');
    } else if (dependent != null) {
      forgery = new Behaviour.Forgery.Depend(dependent, dependency);
      step.append(" that makes target \"").append(dependent).append("\" depend on \"").append(dependency).append('"');
    } else if (without != null) {
      if (!role.name().equals("snapshot")) {
        throw new IllegalArgumentException("'without role' forges a snapshot, not " + role);
      }
      forgery = new Behaviour.Forgery.WithoutRole(world.roleName(without));
      step.append(" without role \"").append(without).append('"');
    } else {
      forgery = new Behaviour.Forgery.None();
    }
    if ((listed != null || dependent != null) && (role.name().equals("root") || role.name().equals("snapshot")
        || role.name().equals("timestamp"))) {
      throw new IllegalArgumentException("only targets and delegated roles list targets, not " + role);
    }
    if (listed != null || dependent != null) {
      // The forgery lists the target in the role: the dialect's paths must mean what the feature's do.
      world.published().names().checkListing(role.name(), listed != null ? listed : dependent);
    }
    world.attacks().step(step.toString());
    world.attacker().add(new Behaviour.Forge(role.name(), v, forgery));
  }

  @When("the attacker tampers with {role}, keeping its signatures")
  public void tampers(RoleRef role) {
    world.attacks().step("the attacker tampers with " + role + ", keeping its signatures");
    world.attacker().add(new Behaviour.Tamper(role.name()));
  }

  @When("the attacker serves {role} under the name of {role}")
  public void servesUnderName(RoleRef served, RoleRef asRole) {
    world.attacks().step("the attacker serves " + served + " under the name of " + asRole);
    world.attacker().add(new Behaviour.ServeAs(served.name(), asRole.name()));
  }

  @When("the attacker serves target {string} in place of {string}")
  public void servesInPlace(String served, String other) {
    world.attacks().step("the attacker serves target \"" + served + "\" in place of \"" + other + "\"");
    world.attacker().add(new Behaviour.TargetInPlace(served, other));
  }

  @When("the attacker lists each signature on {role} twice")
  public void duplicateSignatures(RoleRef role) {
    world.attacks().step("the attacker lists each signature on " + role + " twice");
    world.attacker().add(new Behaviour.DuplicateSignatures(role.name()));
  }

  @When("the attacker adds an invalid signature to {role}")
  public void invalidSignature(RoleRef role) {
    world.attacks().step("the attacker adds an invalid signature to " + role);
    world.attacker().add(new Behaviour.InvalidSignature(role.name()));
  }

  @When("the attacker pads {role} with {int} byte(s) of whitespace")
  public void pads(RoleRef role, int bytes) {
    world.attacks().step("the attacker pads " + role + " with " + bytes + " bytes of whitespace");
    world.attacker().add(new Behaviour.Pad(role.name(), bytes));
  }

  @When("the attacker sends {file} as a gzip bomb")
  public void gzipBomb(FileRef file) {
    world.attacks().step("the attacker sends " + file + " as a gzip bomb");
    world.attacker().add(new Behaviour.GzipBomb(roleOf(file), targetOf(file)));
  }

  @When("the attacker sends an endless body for {file}")
  public void endless(FileRef file) {
    world.attacks().step("the attacker sends an endless body for " + file);
    world.attacker().add(new Behaviour.Endless(roleOf(file), targetOf(file), null));
  }

  @When("the attacker announces a Content-Length of {long} bytes for {file} and never stops sending")
  public void lyingLength(long length, FileRef file) {
    world.attacks().step("the attacker announces a Content-Length of " + length + " bytes for " + file
        + " and never stops sending");
    world.attacker().add(new Behaviour.Endless(roleOf(file), targetOf(file), length));
  }

  @When("the attacker drips {file} at one byte every {int} second(s)")
  public void drips(FileRef file, int seconds) {
    world.attacks().step("the attacker drips " + file + " at one byte every " + seconds + " seconds");
    world.attacker().add(new Behaviour.Drip(roleOf(file), targetOf(file), Duration.ofSeconds(seconds)));
  }

  @When("the attacker stalls {file}")
  public void stalls(FileRef file) {
    world.attacks().step("the attacker stalls " + file);
    world.attacker().add(new Behaviour.Stall(roleOf(file), targetOf(file)));
  }

  private static String roleOf(FileRef file) {
    return file instanceof FileRef.Metadata m ? m.role().name() : null;
  }

  private static String targetOf(FileRef file) {
    return file instanceof FileRef.Target t ? t.path() : null;
  }

  @When("the attack stops")
  public void attackStops() {
    world.stopAttacks();
  }
}
