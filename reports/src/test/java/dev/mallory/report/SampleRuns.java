package dev.mallory.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs built by hand, as the engine would fill them, for the report tests. */
final class SampleRuns {
  static final String HOSTILE = "<script>alert('pwned')</script>\u0000 & \"quoted\" <img src=x onerror=alert(1)>";

  static final SystemInfo REFERENCE = new SystemInfo("reference", SystemKind.REFERENCE,
      "Mallory's reference client (spec 1.0.x, in-process)");
  static final SystemInfo NAIVE = new SystemInfo("naive-http", SystemKind.NAIVE_TEACHING,
      "downloads metadata and targets over HTTP and checks nothing");
  static final SystemInfo TUF_JS = new SystemInfo("tuf-js 5.0.1", SystemKind.THIRD_PARTY,
      "tuf-js through the conformance CLI protocol " + HOSTILE);

  private SampleRuns() {}

  /** Three systems, every verdict at least once, hostile evidence in one cell. */
  static RunResult mixed() {
    List<ScenarioResult> results = new ArrayList<>();
    add(results, "rollback:replayed-timestamp", "rollback", "A replayed older timestamp is refused", "rollback",
        List.of("5.4.3.1"), Verdict.PROTECTED, Verdict.VULNERABLE, Verdict.PROTECTED);
    add(results, "freeze:expired-timestamp", "freeze", "An expired timestamp is not trusted", "indefinite-freeze",
        List.of("5.4.4"), Verdict.PROTECTED, Verdict.VULNERABLE, Verdict.EXPECTED_FAILURE);
    add(results, "mix_and_match:old-targets", "mix_and_match", "Targets from an older snapshot are refused",
        "mix-and-match", List.of("5.6.4"), Verdict.PROTECTED, Verdict.VULNERABLE, Verdict.BROKEN);
    add(results, "wrong_software:delegated-path", "wrong_software",
        "A role signs only the paths delegated to it & nothing \"else\"", "wrong-software", List.of("5.6.7"),
        Verdict.PROTECTED, Verdict.NOT_APPLICABLE, Verdict.UNEXPECTED_PASS);
    add(results, "endless_data:endless-target", "endless_data", "An endless target download is cut off",
        "endless-data", List.of("5.7.3"), Verdict.PROTECTED, Verdict.VULNERABLE, Verdict.ERROR);
    add(results, "slow_retrieval:drip", "slow_retrieval", "A dripping mirror is given up on", "slow-retrieval",
        List.of(), Verdict.INFORMATIONAL, Verdict.INFORMATIONAL, Verdict.INFORMATIONAL);
    return new RunResult("2025-11-24T21-00-00Z", Instant.parse("2025-11-24T21:00:00Z"), Duration.ofMillis(7310),
        results, List.of(REFERENCE, NAIVE, TUF_JS), Map.of());
  }

  private static void add(List<ScenarioResult> out, String id, String feature, String title, String attackClass,
      List<String> steps, Verdict reference, Verdict naive, Verdict tufJs) {
    out.add(cell(id, feature, title, attackClass, steps, REFERENCE.name(), reference));
    out.add(cell(id, feature, title, attackClass, steps, NAIVE.name(), naive));
    out.add(cell(id, feature, title, attackClass, steps, TUF_JS.name(), tufJs));
  }

  static ScenarioResult cell(String id, String feature, String title, String attackClass, List<String> steps,
      String system, Verdict v) {
    List<String> tags = new ArrayList<>(List.of("@" + attackClass));
    steps.forEach(s -> tags.add("@tuf-" + s));
    return new ScenarioResult(id, feature, title, attackClass, steps, tags, system, v,
        evidence(attackClass, system, v), Duration.ofMillis(120 + Math.abs((id + system).hashCode() % 900)));
  }

  /** Evidence shaped like the engine's: a journal excerpt, the system's words, trusted versions. */
  static Evidence evidence(String attackClass, String system, Verdict v) {
    String attack = switch (attackClass) {
      case "rollback" -> "Replayed timestamp v1, recorded before the repository published v3.";
      case "indefinite-freeze" -> "Kept serving timestamp v3 after its expiry (the repository clock moved 2 days on).";
      case "mix-and-match" -> "Served targets v1 next to snapshot v4, which lists targets v2.";
      case "endless-data" -> "Streamed an endless body for the target (signed length 1024 B).";
      case "wrong-software" -> "Served a genuine file signed by role 'a' for a path delegated only to role 'b'.";
      default -> "Sent one byte every 5 seconds.";
    };
    List<String> exchanges = List.of(
        "GET /metadata/2.root.json -> 404 (0 B)",
        "GET /metadata/timestamp.json -> 200 (" + (attackClass.equals("rollback") ? "replayed v1" : "v3") + ", 512 B)",
        "GET /metadata/4.snapshot.json -> 200 (v4, 733 B)",
        "GET /metadata/2.targets.json -> 200 (" + (attackClass.equals("mix-and-match") ? "replayed v1" : "v2")
            + ", 1204 B)",
        "GET /targets/9f2c0e1d.app-1.0.tar.gz -> 200 (" + (attackClass.equals("endless-data") ? "endless" : "1024 B")
            + ")");
    String outcome = switch (v) {
      case PROTECTED -> switch (attackClass) {
        case "rollback" -> "BadVersionNumberError: New timestamp version 1 must be >= 3";
        case "indefinite-freeze" -> "ExpiredMetadataError: timestamp.json is expired";
        case "mix-and-match" -> "BadVersionNumberError: Expected targets v2, got v1";
        case "endless-data" -> "DownloadLengthMismatchError: more than 1024 bytes for app-1.0.tar.gz";
        default -> "refused: target not delegated to role 'a'";
      };
      case VULNERABLE -> system.equals(NAIVE.name()) && attackClass.equals("endless-data")
          ? "accepted 1 GiB for app-1.0.tar.gz; stderr: " + HOSTILE
          : "accepted: installed app-1.0.tar.gz (sha256 5d41402a…), trusted timestamp v1";
      case BROKEN -> "refused with TypeError: Cannot read properties of undefined (reading 'version'); "
          + "the next update with honest metadata failed too";
      case EXPECTED_FAILURE -> "accepted expired timestamp v3";
      case UNEXPECTED_PASS -> "refused: target not delegated to role 'a' (listed in tuf-js.xfails)";
      case INFORMATIONAL -> "gave up after 30 s (SlowRetrievalError)";
      case NOT_APPLICABLE -> "no delegation support";
      case ERROR -> "harness: proxy did not start: java.net.BindException: Address already in use";
    };
    Map<String, Long> trusted = new LinkedHashMap<>();
    trusted.put("root", 1L);
    trusted.put("timestamp", v == Verdict.VULNERABLE && attackClass.equals("rollback") ? 1L : 3L);
    trusted.put("snapshot", 4L);
    trusted.put("targets", 2L);
    List<String> notes = switch (v) {
      case EXPECTED_FAILURE -> List.of("tuf-js.xfails: expiry is checked against the cached timestamp only (#123)");
      case BROKEN -> List.of("recovery attempt after the attack stopped: exit 1");
      case NOT_APPLICABLE -> List.of("naive-http has no delegations");
      default -> List.of();
    };
    return new Evidence(attack, exchanges, outcome, v == Verdict.ERROR ? Map.of() : trusted, notes);
  }

  /** What a teaching run looks like: the README's example screenshot is taken of this. */
  static RunResult demo() {
    List<SystemInfo> infos = List.of(REFERENCE, NAIVE,
        new SystemInfo("naive-no-expiry", SystemKind.NAIVE_TEACHING, "verifies signatures, ignores versions and expiry"),
        new SystemInfo("tuf-js 5.0.1", SystemKind.THIRD_PARTY, "tuf-js through the conformance CLI protocol"),
        new SystemInfo("sigstore-java 2.0.0", SystemKind.THIRD_PARTY, "dev.sigstore.tuf through its updater"));
    Object[][] rows = {
        {"rollback:replayed-timestamp", "A replayed older timestamp is refused", "rollback", "5.4.3.1", "PVVPP"},
        {"rollback:replayed-snapshot", "A replayed older snapshot is refused", "rollback", "5.5.5", "PVVPP"},
        {"rollback:targets-role-removal", "A snapshot that drops a targets role is refused", "rollback", "5.5.5", "PVVPX"},
        {"freeze:expired-timestamp", "An expired timestamp is not trusted", "indefinite-freeze", "5.4.4", "PVVPP"},
        {"freeze:expired-root", "An expired root stops the update", "indefinite-freeze", "5.3.10", "PVVPB"},
        {"mix_and_match:old-targets", "Targets from an older snapshot are refused", "mix-and-match", "5.6.4", "PVPPP"},
        {"mix_and_match:snapshot-hash", "A snapshot whose hash differs from the timestamp's is refused", "mix-and-match", "5.5.2", "PVPPP"},
        {"endless_data:endless-target", "An endless target download is cut off", "endless-data", "5.7.3", "PVVPP"},
        {"endless_data:endless-timestamp", "An endless timestamp is cut off at 16 KiB", "endless-data", "5.4.1", "PVVPP"},
        {"arbitrary_installation:substituted-target", "Substituted target bytes are refused", "arbitrary-installation", "5.7", "PVPPP"},
        {"key_compromise:below-threshold", "Metadata signed below the threshold is refused", "key-compromise", "5.4.2", "PVPPU"},
        {"wrong_software:delegated-path", "A role signs only the paths delegated to it", "wrong-software", "5.6.7", "PNNPN"},
        {"slow_retrieval:drip", "A dripping mirror is given up on", "slow-retrieval", "", "IIIII"}};
    List<ScenarioResult> results = new ArrayList<>();
    for (Object[] row : rows) {
      String id = (String) row[0];
      String steps = (String) row[3];
      String verdicts = (String) row[4];
      for (int s = 0; s < infos.size(); s++) {
        Verdict v = switch (verdicts.charAt(s)) {
          case 'P' -> Verdict.PROTECTED;
          case 'V' -> Verdict.VULNERABLE;
          case 'X' -> Verdict.EXPECTED_FAILURE;
          case 'B' -> Verdict.BROKEN;
          case 'U' -> Verdict.UNEXPECTED_PASS;
          case 'N' -> Verdict.NOT_APPLICABLE;
          default -> Verdict.INFORMATIONAL;
        };
        results.add(cell(id, id.substring(0, id.indexOf(':')), (String) row[1], (String) row[2],
            steps.isEmpty() ? List.of() : List.of(steps), infos.get(s).name(), v));
      }
    }
    return new RunResult("2025-11-24T21-00-00Z", Instant.parse("2025-11-24T21:00:00Z"), Duration.ofSeconds(74),
        results, infos, Map.of());
  }

  /** A full matrix of the given size, for the benchmark: realistic evidence in every cell. */
  static RunResult full(int scenarios, int systems) {
    String[] classes = {"rollback", "indefinite-freeze", "mix-and-match", "fast-forward", "endless-data",
        "key-compromise", "arbitrary-installation", "wrong-software", "extraneous-dependencies", "malicious-mirrors"};
    List<SystemInfo> infos = new ArrayList<>();
    infos.add(REFERENCE);
    infos.add(NAIVE);
    for (int s = 2; s < systems; s++) {
      infos.add(new SystemInfo("client-" + s, SystemKind.THIRD_PARTY, "third-party client number " + s));
    }
    Verdict[] spread = {Verdict.PROTECTED, Verdict.PROTECTED, Verdict.PROTECTED, Verdict.VULNERABLE,
        Verdict.PROTECTED, Verdict.EXPECTED_FAILURE, Verdict.PROTECTED, Verdict.NOT_APPLICABLE, Verdict.BROKEN};
    List<ScenarioResult> results = new ArrayList<>();
    for (int i = 0; i < scenarios; i++) {
      String attackClass = classes[i % classes.length];
      String feature = attackClass.replace('-', '_');
      for (int s = 0; s < infos.size(); s++) {
        Verdict v = s == 0 ? Verdict.PROTECTED : s == 1 ? Verdict.VULNERABLE : spread[(i * 7 + s) % spread.length];
        results.add(cell(feature + ":scenario-" + i, feature, "Scenario " + i + ": " + attackClass
            + " attempt with a recorded older version", attackClass, List.of("5." + (3 + i % 5) + "." + (1 + i % 4)),
            infos.get(s).name(), v));
      }
    }
    return new RunResult("benchmark", Instant.parse("2025-11-24T21:00:00Z"), Duration.ofMinutes(3), results, infos,
        Map.of());
  }
}
