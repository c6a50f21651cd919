package dev.mallory.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mallory.external.NotaryClient;
import dev.mallory.report.RunResult;
import dev.mallory.report.ScenarioResult;
import dev.mallory.report.SystemKind;
import dev.mallory.report.Verdict;
import dev.mallory.sut.notary.NotaryCliClient;
import dev.mallory.sut.notary.NotaryMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rollback, freeze and mix-and-match families, and every delegation scenario, against the real
 * notary client over the reference server's Notary API (Dialect.NOTARY repositories behind the
 * proxy; delegated roles named {@code targets/NAME} by the world). The verdicts are findings about
 * notary, recorded here; a harness ERROR is a failure of Mallory. The same catalogue against the
 * real notary-server: {@link NotaryServerCatalogueTest}.
 */
class NotaryCatalogueTest {
  private static final String SELECTION = "(@rollback or @freeze or @mix-and-match or @delegations) and not @waits "
      + "and not @content-trust";

  /**
   * What the notary client did. VULNERABLE: it keeps a forged timestamp or snapshot in its cache
   * after refusing the update it came with (rollback); it accepts a timestamp signed with a key a
   * newer root replaced, because it fetches a new root only when verification fails. BROKEN: with
   * root requests answered 404 it refuses for lack of trust data, not because its root expired.
   */
  private static final Map<String, Verdict> FINDINGS = Map.ofEntries(
      Map.entry("rollback:a-replayed-older-timestamp-is-refused", Verdict.PROTECTED),
      Map.entry("rollback:an-older-release-of-a-target-is-refused-against-the-current-targets-metadata", Verdict.PROTECTED),
      Map.entry("rollback:a-timestamp-signed-with-a-stolen-key-cannot-point-the-client-back-at-an-older-snapshot", Verdict.VULNERABLE),
      Map.entry("rollback:an-older-targets-listing-an-older-release-is-refused-even-with-stolen-snapshot-and-timestamp-keys",
          Verdict.VULNERABLE),
      Map.entry("rollback:an-older-root-served-as-the-next-root-version-is-refused", Verdict.NOT_APPLICABLE),
      Map.entry("freeze:a-frozen-timestamp-file-is-refused-once-it-has-expired-even-when-the-attacker-holds-no-keys", Verdict.PROTECTED),
      Map.entry("freeze:a-frozen-snapshot-file-is-refused-once-it-has-expired-even-when-the-attacker-holds-the-timestamp-key",
          Verdict.PROTECTED),
      Map.entry("freeze:a-frozen-targets-file-is-refused-once-it-has-expired-even-when-the-attacker-holds-the-timestamp-and-snapshot-keys",
          Verdict.PROTECTED),
      Map.entry("freeze:a-client-kept-on-its-old-root-by-withheld-root-versions-stops-once-that-root-has-expired", Verdict.BROKEN),
      Map.entry("freeze:a-stale-mirror-hides-a-new-release-until-the-timestamp-expires", Verdict.INFORMATIONAL),
      Map.entry("mix_and_match:a-snapshot-file-from-an-older-release-is-refused-because-the-file-above-it-pins-the-current-one-meta-lists-versions-lengths-and-hashes",
          Verdict.PROTECTED),
      Map.entry("mix_and_match:a-targets-file-from-an-older-release-is-refused-because-the-file-above-it-pins-the-current-one-meta-lists-versions-lengths-and-hashes",
          Verdict.PROTECTED),
      Map.entry("mix_and_match:a-timestamp-signed-with-a-key-that-the-new-root-replaced-is-refused", Verdict.VULNERABLE),
      Map.entry("mix_and_match:with-the-snapshot-and-timestamp-keys-an-attacker-can-mix-releases-for-a-client-that-has-no-state-yet",
          Verdict.INFORMATIONAL),
      // Delegations, named targets/NAME in the Notary dialect.
      Map.entry("mix_and_match:a-delegated-role-from-an-older-release-is-refused-because-the-snapshot-pins-the-current-one",
          Verdict.PROTECTED),
      Map.entry("implementation_bugs:a-delegated-role-missing-from-the-snapshot-is-never-fetched", Verdict.PROTECTED),
      Map.entry("implementation_bugs:a-delegated-role-named-escape-is-not-stored-outside-the-client-s-metadata-directory",
          Verdict.PROTECTED),
      Map.entry("extraneous_dependencies:a-stolen-key-of-one-delegated-role-cannot-add-dependencies-to-another-role-s-target",
          Verdict.PROTECTED),
      Map.entry("wrong_software:a-delegated-role-cannot-vouch-for-a-target-outside-its-delegated-paths", Verdict.PROTECTED),
      Map.entry("wrong_software:a-target-must-lie-in-the-delegated-paths-of-every-role-on-the-chain", Verdict.PROTECTED),
      Map.entry("wrong_software:delegated-paths-match-case-sensitively", Verdict.PROTECTED),
      Map.entry("wrong_software:when-two-roles-list-the-same-target-the-first-delegation-listed-wins", Verdict.PROTECTED),
      // No version check on delegated roles: a replayed older one (snapshot and timestamp keys
      // stolen) installs the older release, and after a fast-forward the lower genuine version is
      // accepted too, where the catalogue expects a refusal for rollback.
      Map.entry("implementation_bugs:rollback-checks-cover-delegated-roles-not-only-targets", Verdict.VULNERABLE),
      Map.entry("fast_forward:a-delegated-role-fast-forwarded-with-stolen-keys-is-undone-when-the-owner-rotates-them",
          Verdict.VULNERABLE),
      // A snapshot that no longer lists a delegated role the client knew is accepted.
      Map.entry("rollback:a-snapshot-that-drops-a-delegated-role-the-client-knew-is-refused", Verdict.VULNERABLE),
      // An expired or wrongly signed delegated role is skipped: refused as "no valid trust data"
      // (target not found), not for expiry or missing signatures.
      Map.entry("implementation_bugs:delegated-metadata-is-checked-for-expiry-like-top-level-metadata", Verdict.BROKEN),
      Map.entry("key_compromise:after-the-delegator-rotates-a-stolen-delegated-key-metadata-signed-with-it-is-refused",
          Verdict.BROKEN),
      // It stops reading an endless delegated role but reports a checksum mismatch, not an oversized download.
      Map.entry("endless_data:an-endless-delegated-role-is-cut-off-at-the-length-the-snapshot-lists", Verdict.BROKEN),
      // What the Notary dialect cannot express (RoleNames): a second delegator, a cycle, a terminating
      // delegation, a pattern whose prefix would delegate the scenario's target.
      Map.entry("implementation_bugs:a-role-reached-through-a-second-delegator-is-verified-with-that-delegator-s-keys",
          Verdict.NOT_APPLICABLE),
      Map.entry("implementation_bugs:a-delegation-cycle-does-not-trap-the-client", Verdict.NOT_APPLICABLE),
      Map.entry("wrong_software:a-terminating-delegation-ends-the-search-before-later-roles-are-asked", Verdict.NOT_APPLICABLE),
      Map.entry("wrong_software:a-wildcard-in-a-delegated-path-does-not-reach-into-subdirectories", Verdict.NOT_APPLICABLE));

  @Test
  void rollbackFreezeMixAndMatchAndDelegationsRunToVerdicts(@TempDir Path work) {
    assumeTrue(NotaryClient.isInstalled(), NotaryClient.NOT_INSTALLED);
    RunResult run = CatalogueProbe.run("notary", SystemKind.THIRD_PARTY, NotaryCliClient.CAPABILITIES,
        () -> new NotaryCliClient(NotaryMode.PRIMED, Duration.ofSeconds(60)),
        Optional.ofNullable(System.getProperty("mallory.notary.tags", SELECTION)), work);
    String report = CatalogueProbe.describe(run.results());
    System.out.println(report);
    Map<String, ScenarioResult> byId = run.results().stream()
        .collect(Collectors.toMap(ScenarioResult::scenarioId, Function.identity(), (a, b) -> a));
    assertThat(byId).as(report).isNotEmpty();
    // Findings about notary, as observed with notary 0.7.0 (Debian); a change shows here first.
    FINDINGS.forEach((id, verdict) -> assertThat(byId.get(id)).as(id + "\n" + report)
        .isNotNull().satisfies(r -> assertThat(r.verdict()).as(id + "\n" + report).isEqualTo(verdict)));
    // An ERROR is Mallory's fault.
    assertThat(run.results()).as(report).noneMatch(r -> r.verdict() == Verdict.ERROR);
  }
}
