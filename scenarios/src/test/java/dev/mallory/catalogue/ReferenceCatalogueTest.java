package dev.mallory.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallory.report.RunResult;
import dev.mallory.report.ScenarioResult;
import dev.mallory.report.SystemKind;
import dev.mallory.report.Verdict;
import dev.mallory.sut.ReferenceClientUnderTest;
import dev.mallory.sut.naive.NaiveClient;
import dev.mallory.sut.naive.NaiveKind;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalogue against the reference client: every implemented scenario of the rollback, freeze
 * and mix-and-match families is PROTECTED (INFORMATIONAL for {@code @limit}); none is VULNERABLE
 * or BROKEN. And the positive control: a naive client that checks only signatures is VULNERABLE
 * to a replayed timestamp, so the suite can fail.
 */
class ReferenceCatalogueTest {
  private static final String SELECTION = "(@rollback or @freeze or @mix-and-match) and not @waits";

  /** The scenarios of the selection whose steps are all implemented. */
  private static final Set<String> IMPLEMENTED = Set.of(
      "rollback:a-replayed-older-timestamp-is-refused",
      "rollback:an-older-root-served-as-the-next-root-version-is-refused",
      "rollback:a-timestamp-signed-with-a-stolen-key-cannot-point-the-client-back-at-an-older-snapshot",
      "rollback:an-older-targets-listing-an-older-release-is-refused-even-with-stolen-snapshot-and-timestamp-keys",
      "rollback:an-older-release-of-a-target-is-refused-against-the-current-targets-metadata",
      "freeze:a-client-kept-on-its-old-root-by-withheld-root-versions-stops-once-that-root-has-expired",
      "freeze:a-frozen-timestamp-file-is-refused-once-it-has-expired-even-when-the-attacker-holds-no-keys",
      "freeze:a-frozen-snapshot-file-is-refused-once-it-has-expired-even-when-the-attacker-holds-the-timestamp-key",
      "freeze:a-frozen-targets-file-is-refused-once-it-has-expired-even-when-the-attacker-holds-the-timestamp-and-snapshot-keys",
      "freeze:a-stale-mirror-hides-a-new-release-until-the-timestamp-expires",
      "mix_and_match:a-snapshot-file-from-an-older-release-is-refused-because-the-file-above-it-pins-the-current-one-meta-lists-versions-lengths-and-hashes",
      "mix_and_match:a-targets-file-from-an-older-release-is-refused-because-the-file-above-it-pins-the-current-one-meta-lists-versions-lengths-and-hashes",
      "mix_and_match:a-snapshot-file-from-an-older-release-is-refused-because-the-file-above-it-pins-the-current-one-meta-lists-only-versions",
      "mix_and_match:a-targets-file-from-an-older-release-is-refused-because-the-file-above-it-pins-the-current-one-meta-lists-only-versions",
      "mix_and_match:a-delegated-role-from-an-older-release-is-refused-because-the-snapshot-pins-the-current-one",
      "mix_and_match:without-consistent-snapshots-targets-caught-in-the-middle-of-a-publication-are-refused",
      "mix_and_match:with-the-snapshot-and-timestamp-keys-an-attacker-can-mix-releases-for-a-client-that-has-no-state-yet",
      "mix_and_match:a-timestamp-signed-with-a-key-that-the-new-root-replaced-is-refused",
      "implementation_bugs:rollback-checks-cover-delegated-roles-not-only-targets",
      "implementation_bugs:delegated-metadata-is-checked-for-expiry-like-top-level-metadata");

  @Test
  void theReferenceClientIsProtectedAgainstEveryImplementedScenario(@TempDir Path work) {
    RunResult run = CatalogueProbe.run("reference", SystemKind.REFERENCE, ReferenceClientUnderTest.CAPABILITIES,
        ReferenceClientUnderTest::new, Optional.of(SELECTION), work);
    Map<String, ScenarioResult> byId = run.results().stream()
        .collect(Collectors.toMap(ScenarioResult::scenarioId, Function.identity(), (a, b) -> a));
    String report = CatalogueProbe.describe(run.results());

    assertThat(byId.keySet()).as(report).containsAll(IMPLEMENTED);
    for (String id : IMPLEMENTED) {
      assertThat(byId.get(id).verdict()).as(id + "\n" + report).isIn(Verdict.PROTECTED, Verdict.INFORMATIONAL);
    }
    // Scenarios with steps not implemented yet are ERROR (undefined steps), never a verdict on the client.
    assertThat(run.results()).as(report)
        .noneMatch(r -> r.verdict() == Verdict.VULNERABLE || r.verdict() == Verdict.BROKEN);
  }

  @Test
  void aSignatureOnlyClientIsVulnerableToAReplayedTimestamp(@TempDir Path work) {
    RunResult run = CatalogueProbe.run("naive:signature-only", SystemKind.NAIVE_TEACHING, NaiveClient.CAPABILITIES,
        () -> new NaiveClient(NaiveKind.SIGNATURE_ONLY, Clock.systemUTC()),
        Optional.of("@rollback and @tuf-5.4.3.1 and not @waits and not @key-compromise"), work);
    List<ScenarioResult> results = run.results();
    assertThat(results).as(CatalogueProbe.describe(results))
        .filteredOn(r -> r.scenarioId().equals("rollback:a-replayed-older-timestamp-is-refused"))
        .singleElement()
        .satisfies(r -> assertThat(r.verdict()).isEqualTo(Verdict.VULNERABLE));
  }
}
