package dev.mallory.steps.world;

import dev.mallory.report.Verdict;
import dev.mallory.repo.store.RoleFile;
import dev.mallory.sut.ClientOutcome;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The engine's observations of a black-box client, each turned into a {@link Finding} with the
 * verdict features/README.md ("Outcomes") gives its failure. Shared by the outcome steps and by
 * the recovery check of {@code the client updates normally once the attack stops}.
 */
public final class Observations {
  private final ScenarioWorld world;

  public Observations(ScenarioWorld world) {
    this.world = world;
  }

  public ClientAction lastAction(String step) {
    return world.existingSession().flatMap(ClientSession::last)
        .orElseThrow(() -> new IllegalStateException("'" + step + "' needs a client action before it"));
  }

  /** A harness fault says nothing about the client: ERROR, whatever the step expected. */
  public Optional<Finding> harnessFault(String step, ClientAction action) {
    if (action.outcome() instanceof ClientOutcome.HarnessFault fault) {
      return Optional.of(new Finding(Verdict.ERROR, step, fault.describe()));
    }
    return Optional.empty();
  }

  /**
   * The client's stored copy of a role is the repository's genuine version N. Attacker-served
   * bytes stored: VULNERABLE; anything else (nothing, or another genuine version): BROKEN.
   */
  public Finding trusts(String step, String role, long version) {
    Optional<byte[]> stored = world.session().storedMetadata(role);
    Optional<RoleFile> genuine = world.repository().served().version(role, version);
    if (genuine.isEmpty()) {
      throw new IllegalStateException("the repository never published " + role + " version " + version);
    }
    if (stored.isEmpty()) {
      return new Finding(Verdict.BROKEN, step, "the client stores no " + role + " (expected genuine version " + version + ")");
    }
    String id = MetadataIdentity.of(stored.get());
    if (id.equals(MetadataIdentity.of(genuine.get().bytes()))) {
      return Finding.passed(step, "stores genuine " + role + " version " + version);
    }
    return notGenuine(step, role, stored.get(), id, "expected genuine version " + version);
  }

  /** The client stored nothing for the role. */
  public Finding trustsNothing(String step, String role) {
    Optional<byte[]> stored = world.session().storedMetadata(role);
    if (stored.isEmpty()) {
      return Finding.passed(step, "stores no " + role);
    }
    return notGenuine(step, role, stored.get(), MetadataIdentity.of(stored.get()), "expected none");
  }

  private Finding notGenuine(String step, String role, byte[] stored, String id, String expected) {
    long storedVersion = MetadataIdentity.version(stored);
    if (world.attacks().servedMetadata(role, id) || world.attacks().servedAnyMetadata(id)) {
      return new Finding(Verdict.VULNERABLE, step,
          "the client stores attacker-served " + role + " (version " + storedVersion + "); " + expected);
    }
    boolean genuineVersion = world.repository().served().history(role).stream()
        .anyMatch(f -> MetadataIdentity.of(f.bytes()).equals(id));
    if (!genuineVersion) {
      // Bytes the repository never signed can only have come from the attacker.
      return new Finding(Verdict.VULNERABLE, step,
          "the client stores a " + role + " the repository never published (version " + storedVersion + "); " + expected);
    }
    return new Finding(Verdict.BROKEN, step, "the client stores genuine " + role + " version " + storedVersion + "; " + expected);
  }

  /**
   * During the last action no file appeared or changed for the target in the target directory,
   * and no new or changed file there holds attacker-served bytes (partial files count).
   */
  public Finding targetNotWritten(String step, String path) {
    ClientAction action = lastAction(step);
    ClientSession session = world.session();
    String targetDir = session.sandbox().relativize(session.targetDir()).toString().replace('\\', '/') + "/";
    Set<String> names = session.targetNames(path);
    for (String changed : action.after().changedSince(action.before())) {
      if (!changed.startsWith(targetDir)) {
        continue;
      }
      String inTargets = changed.substring(targetDir.length());
      if (names.contains(inTargets)) {
        return new Finding(Verdict.VULNERABLE, step, "the client wrote " + inTargets + " in its target directory");
      }
      Optional<byte[]> bytes = ClientSession.read(session.targetDir(), inTargets);
      if (bytes.isPresent() && holdsAttackerBytes(bytes.get())) {
        return new Finding(Verdict.VULNERABLE, step, "the client wrote attacker-served bytes to " + inTargets);
      }
    }
    return Finding.passed(step, "nothing written for " + path);
  }

  private boolean holdsAttackerBytes(byte[] written) {
    if (written.length == 0) {
      return false;
    }
    for (byte[] served : world.attacks().servedTargets()) {
      int n = Math.min(written.length, served.length);
      if (written.length <= served.length && Arrays.equals(written, 0, n, served, 0, n)) {
        return true; // the whole or a prefix (partial download) of what the attacker sent
      }
    }
    return false;
  }

  /** A file for the target holds exactly the text: other bytes VULNERABLE, nothing BROKEN. */
  public Finding wroteTarget(String step, String path, byte[] expected) {
    Optional<byte[]> stored = world.session().storedTarget(path);
    if (stored.isEmpty()) {
      return new Finding(Verdict.BROKEN, step, "the client stored nothing for " + path);
    }
    if (Arrays.equals(stored.get(), expected)) {
      return Finding.passed(step, path + " holds the expected " + expected.length + " bytes");
    }
    return new Finding(Verdict.VULNERABLE, step, path + " holds other bytes: " + preview(stored.get()));
  }

  /** No file created or changed in the sandbox outside the metadata and target directories. */
  public Finding nothingOutside(String step) {
    ClientSession session = world.session();
    List<String> allowed = new java.util.ArrayList<>();
    allowed.add(rel(session, session.targetDir()));
    session.clientDirs().forEach(d -> allowed.add(rel(session, d)));
    for (ClientAction action : session.actions()) {
      for (String changed : action.after().changedSince(action.before())) {
        if (allowed.stream().noneMatch(changed::startsWith)) {
          return new Finding(Verdict.VULNERABLE, step, "the client wrote " + changed + " in its sandbox, outside its directories");
        }
      }
    }
    return Finding.passed(step, "nothing written outside the metadata and target directories");
  }

  /**
   * After the attack stopped and the repository moved on, the client holds the current genuine
   * version of every role it fetched, and the current genuine content of every target.
   */
  public List<Finding> upToDate(String step, ClientAction action) {
    List<Finding> found = new java.util.ArrayList<>();
    ClientSession session = world.session();
    for (String role : world.repository().served().roles()) {
      boolean topLevel = ScenarioRepository.TOP_LEVEL.contains(role);
      if (!topLevel && session.storedMetadata(role).isEmpty()) {
        continue; // a delegated role this client never needed
      }
      long current = world.repository().served().current(role).orElseThrow().version();
      Finding f = trusts(step, role, current);
      if (f.failed()) {
        found.add(f);
      }
    }
    for (String target : action.targets()) {
      byte[] expected = world.repository().currentTarget(target).orElse(null);
      if (expected == null) {
        continue; // not a target the repository lists
      }
      Finding f = wroteTarget(step, target, expected);
      if (f.failed()) {
        found.add(f);
      }
    }
    return found;
  }

  private static String rel(ClientSession session, java.nio.file.Path dir) {
    return session.sandbox().relativize(dir).toString().replace('\\', '/') + "/";
  }

  static String preview(byte[] bytes) {
    String s = new String(bytes, 0, Math.min(bytes.length, 60), StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?");
    return "\"" + s + "\"" + (bytes.length > 60 ? "... (" + bytes.length + " bytes)" : "");
  }
}
