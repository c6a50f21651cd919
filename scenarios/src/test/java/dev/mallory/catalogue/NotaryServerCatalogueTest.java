package dev.mallory.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mallory.external.NotaryClient;
import dev.mallory.external.NotaryServer;
import dev.mallory.report.RunResult;
import dev.mallory.report.ScenarioResult;
import dev.mallory.report.SystemKind;
import dev.mallory.report.Verdict;
import dev.mallory.sut.backend.RepositoryBackend;
import dev.mallory.sut.notary.NotaryCliClient;
import dev.mallory.sut.notary.NotaryMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client catalogue with the real notary client against the real notary-server 0.7.0 (one
 * server for the run, a GUN per scenario), the attacker proxy in between: every cell has a verdict
 * and evidence, the attacks notary must stop are PROTECTED, the findings are the ones recorded in
 * README.md, and every NOT_APPLICABLE cell names why (the client's capabilities, the Notary dialect,
 * or what notary-server cannot host). The clock-bound scenarios ({@code @slow-retrieval}: 60 s
 * client deadlines; {@code @waits}) are left out to keep the run near half a minute; they run with
 * {@code mallory run --client notary@notary-server}.
 */
class NotaryServerCatalogueTest {
  private static final String SELECTION = "not @slow-retrieval and not @waits and not @content-trust";

  /** Attacks notary 0.7.0 stops against notary-server, for the reason the catalogue names. */
  private static final Set<String> PROTECTED = Set.of(
      "arbitrary_installation:a-file-that-no-trusted-metadata-lists-is-never-downloaded",
      "arbitrary_installation:a-target-replaced-by-a-longer-file-is-refused",
      "arbitrary_installation:a-target-replaced-by-a-shorter-file-is-refused",
      "arbitrary_installation:a-target-replaced-by-other-bytes-of-the-same-length-is-refused",
      "arbitrary_installation:an-extra-invalid-signature-does-not-spoil-metadata-that-meets-its-threshold",
      "arbitrary_installation:without-an-attacker-the-client-installs-the-genuine-target",
      "endless_data:a-snapshot-one-byte-longer-than-the-length-the-timestamp-lists-is-refused",
      "endless_data:a-timestamp-padded-beyond-the-fixed-limit-is-refused-although-its-signature-is-valid",
      "extraneous_dependencies:a-dependency-added-on-the-wire-is-refused-meta-lists-versions-lengths-and-hashes",
      "implementation_bugs:a-target-listed-only-with-a-hash-algorithm-the-client-does-not-know-is-refused",
      "implementation_bugs:a-target-named-app-escape-txt-is-not-written-outside-the-client-s-target-directory",
      "implementation_bugs:a-target-named-escape-txt-is-not-written-outside-the-client-s-target-directory",
      "implementation_bugs:metadata-is-stored-exactly-as-it-was-received-and-verified",
      "key_compromise:a-stolen-snapshot-key-alone-cannot-install-a-target",
      "key_compromise:a-stolen-targets-key-alone-cannot-install-a-target",
      "malicious_mirrors:a-mirror-that-answers-snapshot-with-malformed-json-leaves-the-client-able-to-update",
      "malicious_mirrors:a-mirror-that-answers-snapshot-with-status-500-leaves-the-client-able-to-update",
      "malicious_mirrors:a-mirror-that-answers-targets-with-a-connection-reset-leaves-the-client-able-to-update",
      "malicious_mirrors:a-mirror-that-answers-timestamp-with-an-empty-body-leaves-the-client-able-to-update",
      "malicious_mirrors:a-mirror-that-cuts-a-target-download-halfway-leaves-no-partial-file-behind",
      "mix_and_match:a-delegated-role-from-an-older-release-is-refused-because-the-snapshot-pins-the-current-one",
      "mix_and_match:a-snapshot-file-from-an-older-release-is-refused-because-the-file-above-it-pins-the-current-one-meta-lists-versions-lengths-and-hashes",
      "mix_and_match:a-targets-file-from-an-older-release-is-refused-because-the-file-above-it-pins-the-current-one-meta-lists-versions-lengths-and-hashes",
      "rollback:a-replayed-older-timestamp-is-refused",
      "rollback:an-older-release-of-a-target-is-refused-against-the-current-targets-metadata",
      "wrong_software:a-delegated-role-cannot-vouch-for-a-target-outside-its-delegated-paths",
      "wrong_software:a-genuine-target-served-in-place-of-another-is-refused-different-length",
      "wrong_software:a-genuine-target-served-in-place-of-another-is-refused-same-length",
      "wrong_software:a-target-must-lie-in-the-delegated-paths-of-every-role-on-the-chain",
      "wrong_software:delegated-paths-match-case-sensitively",
      "wrong_software:when-two-roles-list-the-same-target-the-first-delegation-listed-wins");

  /** What notary 0.7.0 did against notary-server where it was not PROTECTED (README.md, findings). */
  private static final Map<String, Verdict> FINDINGS = Map.ofEntries(
      // It stops reading an endless metadata file, but reports a checksum mismatch or a JSON error,
      // not an oversized download (refused for another reason).
      Map.entry("endless_data:an-endless-timestamp-file-is-cut-off-at-its-length-limit", Verdict.BROKEN),
      Map.entry("endless_data:an-endless-snapshot-file-is-cut-off-at-its-length-limit", Verdict.BROKEN),
      Map.entry("endless_data:an-endless-targets-file-is-cut-off-at-its-length-limit", Verdict.BROKEN),
      Map.entry("endless_data:an-endless-delegated-role-is-cut-off-at-the-length-the-snapshot-lists", Verdict.BROKEN),
      // A forged root signed by keys the trusted root does not list is refused, but for a checksum
      // mismatch of the files it pins, not for missing signatures.
      Map.entry("trust_on_first_use:an-attacker-who-arrives-after-the-first-contact-is-refused", Verdict.BROKEN),
      Map.entry("trust_on_first_use:the-same-attacker-is-refused-by-a-client-that-ships-with-the-repository-s-root", Verdict.BROKEN),
      // It decodes a gzip-encoded timestamp and trusts it (the bomb inflates to the genuine file):
      // the catalogue expects no encoded metadata to be accepted at all.
      Map.entry("endless_data:a-timestamp-sent-as-a-gzip-bomb-is-refused", Verdict.VULNERABLE),
      // With root requests answered endlessly, or forged, it updates from the root it has cached
      // and exits 0: it fetches a new root only when verification fails.
      Map.entry("endless_data:an-endless-root-file-is-cut-off-at-its-length-limit", Verdict.VULNERABLE),
      Map.entry("implementation_bugs:a-signature-listed-twice-counts-once-toward-the-root-threshold", Verdict.VULNERABLE),
      Map.entry("key_compromise:one-stolen-key-of-two-cannot-sign-the-root-file-when-its-threshold-is-two", Verdict.VULNERABLE),
      Map.entry("key_compromise:a-client-that-has-seen-the-root-rotation-refuses-roots-signed-with-the-replaced-root-key",
          Verdict.VULNERABLE),
      // After the server rotated its timestamp key and a new root listed it, a replayed timestamp
      // signed with the old key is accepted (the new root is fetched only when verification fails).
      Map.entry("mix_and_match:a-timestamp-signed-with-a-key-that-the-new-root-replaced-is-refused", Verdict.VULNERABLE),
      // timestamp.json answered 404: it falls back to its cache and exits 0 although it could not update.
      Map.entry("malicious_mirrors:a-mirror-that-answers-timestamp-with-status-404-leaves-the-client-able-to-update", Verdict.VULNERABLE),
      // @limit scenarios: observed, never judged.
      Map.entry("freeze:a-stale-mirror-hides-a-new-release-until-the-timestamp-expires", Verdict.INFORMATIONAL),
      Map.entry("key_compromise:a-client-that-has-not-yet-seen-a-root-rotation-can-still-be-captured-with-the-replaced-root-key",
          Verdict.INFORMATIONAL),
      Map.entry("key_compromise:a-stolen-root-key-when-the-root-threshold-is-one-hands-the-attacker-everything", Verdict.INFORMATIONAL),
      Map.entry("trust_on_first_use:an-attacker-present-at-the-first-contact-installs-a-root-of-its-own", Verdict.INFORMATIONAL));

  /** notary-server signs the timestamp itself, with a key it never hands out; it refuses what it cannot validate. */
  private static final List<Pattern> BACKEND_REASONS = List.of(
      Pattern.compile("^notary-server signs the timestamp itself, with a key only it holds: .+"),
      Pattern.compile("^notary-server signs the timestamp itself, at the time of publishing: version 1 cannot be signed \\d+ days in the past$"),
      Pattern.compile("^notary-server refused the upload of \\[.+\\]: HTTP \\d{3} \\{\"errors\".+", Pattern.DOTALL));

  /** The client's capabilities and the Notary dialect decide the other NOT_APPLICABLE cells. */
  private static final List<Pattern> CLIENT_AND_DIALECT_REASONS = List.of(
      Pattern.compile("^the client under test (lacks|accepts a single|cannot pin|has no downloader).+"),
      Pattern.compile("^(a Notary role is named|Notary delegations have no terminating flag|Notary delegates by path prefix).+"));

  private static final Pattern SERVED_BY = Pattern.compile("served by notary-server at http://127\\.0\\.0\\.1:\\d+ \\(pid (\\d+)\\)");

  @Test
  void theCatalogueAgainstTheRealNotaryServerGivesEveryCellAVerdictWithEvidence(@TempDir Path work) {
    assumeTrue(NotaryClient.isInstalled(), NotaryClient.NOT_INSTALLED);
    assumeTrue(NotaryServer.isInstalled(), NotaryServer.NOT_INSTALLED);
    RunResult run;
    try (RepositoryBackend backend = RepositoryBackend.of(RepositoryBackend.NOTARY_SERVER)) {
      run = CatalogueProbe.run(CatalogueProbe.features(), "notary@notary-server", SystemKind.THIRD_PARTY, NotaryCliClient.CAPABILITIES,
          () -> new NotaryCliClient(NotaryMode.PRIMED, Duration.ofSeconds(60)), backend, Optional.of(SELECTION), work);
    }
    String report = CatalogueProbe.describe(run.results());
    System.out.println(report);
    Map<String, ScenarioResult> byId = run.results().stream()
        .collect(Collectors.toMap(ScenarioResult::scenarioId, Function.identity(), (a, b) -> a));
    assertThat(run.results()).as(report).hasSizeGreaterThan(90).noneMatch(r -> r.verdict() == Verdict.ERROR);

    PROTECTED.forEach(id -> assertThat(byId.get(id)).as(id + "\n" + report).isNotNull()
        .satisfies(r -> assertThat(r.verdict()).as(id + "\n" + report).isEqualTo(Verdict.PROTECTED)));
    FINDINGS.forEach((id, verdict) -> assertThat(byId.get(id)).as(id + "\n" + report).isNotNull()
        .satisfies(r -> assertThat(r.verdict()).as(id + "\n" + report).isEqualTo(verdict)));

    // Every judged cell ran against notary-server, through the proxy, with the client's outcome as evidence.
    Set<String> pids = new java.util.TreeSet<>();
    for (ScenarioResult r : run.results()) {
      if (r.verdict() == Verdict.NOT_APPLICABLE) {
        String reason = r.evidence().notes().get(r.evidence().notes().size() - 1);
        boolean named = BACKEND_REASONS.stream().anyMatch(p -> p.matcher(reason).matches())
            || CLIENT_AND_DIALECT_REASONS.stream().anyMatch(p -> p.matcher(reason).matches());
        assertThat(named).as(r.scenarioId() + " is NOT_APPLICABLE without a known reason: " + reason).isTrue();
        continue;
      }
      assertThat(PROTECTED.contains(r.scenarioId()) || FINDINGS.containsKey(r.scenarioId()))
          .as("judged but not recorded here: " + r.scenarioId() + " " + r.verdict() + "\n" + report).isTrue();
      assertThat(r.evidence().outcome()).as(r.scenarioId()).isNotBlank();
      assertThat(r.evidence().exchanges()).as(r.scenarioId() + ": the client went through the proxy").isNotEmpty();
      Matcher served = r.evidence().notes().stream().map(SERVED_BY::matcher).filter(Matcher::find).findFirst().orElse(null);
      assertThat(served).as(r.scenarioId() + ": served by notary-server\n" + r.evidence().notes()).isNotNull();
      pids.add(served.group(1));
    }
    // What notary-server cannot host is NOT_APPLICABLE for that reason, never a verdict.
    long byBackend = run.results().stream().filter(r -> r.verdict() == Verdict.NOT_APPLICABLE)
        .map(r -> r.evidence().notes().get(r.evidence().notes().size() - 1))
        .filter(reason -> BACKEND_REASONS.stream().anyMatch(p -> p.matcher(reason).matches())).count();
    assertThat(byBackend).as(report).isGreaterThanOrEqualTo(20);
    assertThat(byId.get("key_compromise:a-stolen-timestamp-key-alone-cannot-install-a-target").verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
    assertThat(byId.get("implementation_bugs:a-delegated-role-named-escape-is-not-stored-outside-the-client-s-metadata-directory")
        .evidence().notes()).anySatisfy(n -> assertThat(n).contains("INVALID_ROLE"));

    // One server for the whole run, stopped by pid when the backend closed.
    assertThat(pids).as("one notary-server process for the run").hasSize(1);
    long pid = Long.parseLong(pids.iterator().next());
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("notary-server stopped").isFalse();
  }
}
