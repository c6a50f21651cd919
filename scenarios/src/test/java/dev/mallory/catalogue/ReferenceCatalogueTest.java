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
      "implementation_bugs:delegated-metadata-is-checked-for-expiry-like-top-level-metadata",
      "rollback:a-snapshot-that-drops-a-delegated-role-the-client-knew-is-refused",
      "key_compromise:an-attacker-who-withholds-the-new-root-keeps-replaced-keys-working-until-the-trusted-root-expires");

  /** The families whose attacker steps are implemented (issue 6). */
  private static final String ATTACKER_SELECTION = "(@key-compromise or @arbitrary-installation or @wrong-software "
      + "or @endless-data or @extraneous-dependencies or @fast-forward or @implementation-bug) and not @waits "
      + "and not (@rollback or @freeze or @mix-and-match)";

  /** Scenarios of that selection whose steps are all implemented: PROTECTED, or INFORMATIONAL for @limit. */
  private static final Set<String> IMPLEMENTED_ATTACKER = Set.of(
      "arbitrary_installation:a-delegated-role-signed-with-a-key-its-delegator-does-not-list-is-refused",
      "arbitrary_installation:a-root-file-signed-with-a-key-the-client-does-not-trust-is-refused",
      "arbitrary_installation:a-snapshot-file-altered-after-it-was-signed-is-refused",
      "arbitrary_installation:a-snapshot-file-signed-with-a-key-the-client-does-not-trust-is-refused",
      "arbitrary_installation:a-target-replaced-by-a-longer-file-is-refused",
      "arbitrary_installation:a-target-replaced-by-a-shorter-file-is-refused",
      "arbitrary_installation:a-target-replaced-by-other-bytes-of-the-same-length-is-refused",
      "arbitrary_installation:a-targets-file-altered-after-it-was-signed-is-refused",
      "arbitrary_installation:a-targets-file-signed-with-a-key-the-client-does-not-trust-is-refused",
      "arbitrary_installation:a-timestamp-file-altered-after-it-was-signed-is-refused",
      "arbitrary_installation:a-timestamp-file-signed-with-a-key-the-client-does-not-trust-is-refused",
      "arbitrary_installation:an-extra-invalid-signature-does-not-spoil-metadata-that-meets-its-threshold",
      "arbitrary_installation:without-an-attacker-the-client-installs-the-genuine-target",
      "endless_data:a-snapshot-one-byte-longer-than-the-length-the-timestamp-lists-is-refused",
      "endless_data:a-timestamp-sent-as-a-gzip-bomb-is-refused",
      "fast_forward:a-delegated-role-fast-forwarded-with-stolen-keys-is-undone-when-the-owner-rotates-them",
      "fast_forward:a-snapshot-file-fast-forwarded-with-stolen-keys-is-undone-when-the-owner-rotates-them",
      "fast_forward:a-targets-file-fast-forwarded-with-stolen-keys-is-undone-when-the-owner-rotates-them",
      "fast_forward:a-timestamp-file-fast-forwarded-with-stolen-keys-is-undone-when-the-owner-rotates-them",
      "implementation_bugs:a-delegated-role-named-escape-is-not-stored-outside-the-client-s-metadata-directory",
      "implementation_bugs:a-signature-listed-twice-counts-once-toward-the-root-threshold",
      "implementation_bugs:a-signature-listed-twice-counts-once-toward-the-threshold",
      "key_compromise:a-client-that-has-not-yet-seen-a-root-rotation-can-still-be-captured-with-the-replaced-root-key",
      "key_compromise:a-client-that-has-seen-the-root-rotation-refuses-roots-signed-with-the-replaced-root-key",
      "key_compromise:a-stolen-delegated-key-with-the-online-keys-installs-targets-inside-the-delegated-paths",
      "key_compromise:a-stolen-root-key-when-the-root-threshold-is-one-hands-the-attacker-everything",
      "key_compromise:a-stolen-snapshot-key-alone-cannot-install-a-target",
      "key_compromise:a-stolen-targets-key-alone-cannot-install-a-target",
      "key_compromise:a-stolen-timestamp-key-alone-cannot-install-a-target",
      "key_compromise:after-the-owner-rotates-a-stolen-timestamp-key-timestamps-signed-with-it-are-refused",
      "key_compromise:after-the-owner-rotates-the-stolen-targets-snapshot-and-timestamp-keys-metadata-signed-with-them-is-refused",
      "key_compromise:one-stolen-key-of-two-cannot-sign-the-root-file-when-its-threshold-is-two",
      "key_compromise:one-stolen-key-of-two-cannot-sign-the-snapshot-file-when-its-threshold-is-two",
      "key_compromise:one-stolen-key-of-two-cannot-sign-the-targets-file-when-its-threshold-is-two",
      "key_compromise:stolen-snapshot-and-timestamp-keys-cannot-install-a-target",
      "key_compromise:stolen-targets-snapshot-and-timestamp-keys-install-a-target",
      "trust_on_first_use:the-same-attacker-is-refused-by-a-client-that-ships-with-the-repository-s-root",
      "wrong_software:a-genuine-target-served-in-place-of-another-is-refused-different-length",
      "wrong_software:a-genuine-target-served-in-place-of-another-is-refused-same-length",
      "wrong_software:a-target-must-lie-in-the-delegated-paths-of-every-role-on-the-chain",
      "wrong_software:a-terminating-delegation-ends-the-search-before-later-roles-are-asked",
      "wrong_software:when-two-roles-list-the-same-target-the-first-delegation-listed-wins");


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
  void theReferenceClientIsProtectedAgainstEveryImplementedAttackerStep(@TempDir Path work) {
    RunResult run = CatalogueProbe.run("reference", SystemKind.REFERENCE, ReferenceClientUnderTest.CAPABILITIES,
        ReferenceClientUnderTest::new, Optional.of(ATTACKER_SELECTION), work);
    Map<String, ScenarioResult> byId = run.results().stream()
        .collect(Collectors.toMap(ScenarioResult::scenarioId, Function.identity(), (a, b) -> a));
    String report = CatalogueProbe.describe(run.results());

    assertThat(byId.keySet()).as(report).containsAll(IMPLEMENTED_ATTACKER);
    for (String id : IMPLEMENTED_ATTACKER) {
      assertThat(byId.get(id).verdict()).as(id + "\n" + report).isIn(Verdict.PROTECTED, Verdict.INFORMATIONAL);
    }
    for (String id : List.of("key_compromise:stolen-targets-snapshot-and-timestamp-keys-install-a-target",
        "key_compromise:a-stolen-root-key-when-the-root-threshold-is-one-hands-the-attacker-everything",
        "key_compromise:a-client-that-has-not-yet-seen-a-root-rotation-can-still-be-captured-with-the-replaced-root-key")) {
      // @limit: the forgery must really get through (signing and re-signing rules), not be refused.
      assertThat(byId.get(id).evidence().notes()).as(id + "\n" + report)
          .anyMatch(n -> n.startsWith("got through as documented"));
    }
    assertThat(run.results()).as(report)
        .noneMatch(r -> r.verdict() == Verdict.VULNERABLE || r.verdict() == Verdict.BROKEN);
  }

  /** Positive controls: the naive clients fall exactly where their design is weak. */
  @Test
  void theNaiveClientsAreVulnerableWhereTheirDesignIsWeak(@TempDir Path work) {
    Map<String, ScenarioResult> signatureOnly = byId(CatalogueProbe.run("naive:signature-only",
        SystemKind.NAIVE_TEACHING, NaiveClient.CAPABILITIES, () -> new NaiveClient(NaiveKind.SIGNATURE_ONLY),
        Optional.of("(@arbitrary-installation or @key-compromise or @fast-forward) and not @waits and not @rollback "
            + "and not @freeze and not @mix-and-match"), work.resolve("signature-only")));
    String report = CatalogueProbe.describe(List.copyOf(signatureOnly.values()));
    // It checks the targets signature only: unchecked timestamps and snapshots, no root rotation.
    for (String id : List.of(
        "arbitrary_installation:a-timestamp-file-signed-with-a-key-the-client-does-not-trust-is-refused",
        "arbitrary_installation:a-timestamp-file-altered-after-it-was-signed-is-refused",
        "arbitrary_installation:a-snapshot-file-altered-after-it-was-signed-is-refused",
        "implementation_bugs:a-signature-listed-twice-counts-once-toward-the-root-threshold",
        "key_compromise:after-the-owner-rotates-the-stolen-targets-snapshot-and-timestamp-keys-metadata-signed-with-them-is-refused",
        "fast_forward:a-timestamp-file-fast-forwarded-with-stolen-keys-is-undone-when-the-owner-rotates-them")) {
      assertThat(signatureOnly.get(id).verdict()).as(id + "\n" + report).isEqualTo(Verdict.VULNERABLE);
    }
    // ... but a forged or tampered targets file, or a swapped target, is caught by its one key and the hashes.
    for (String id : List.of(
        "arbitrary_installation:a-targets-file-signed-with-a-key-the-client-does-not-trust-is-refused",
        "arbitrary_installation:a-targets-file-altered-after-it-was-signed-is-refused",
        "key_compromise:stolen-snapshot-and-timestamp-keys-cannot-install-a-target")) {
      assertThat(signatureOnly.get(id).verdict()).as(id + "\n" + report).isEqualTo(Verdict.PROTECTED);
    }

    Map<String, ScenarioResult> unchecked = byId(CatalogueProbe.run("naive:unchecked-payload",
        SystemKind.NAIVE_TEACHING, NaiveClient.CAPABILITIES, () -> new NaiveClient(NaiveKind.UNCHECKED_PAYLOAD),
        Optional.of("(@arbitrary-installation or @wrong-software) and @download and not @waits and not @delegations"),
        work.resolve("unchecked-payload")));
    String report2 = CatalogueProbe.describe(List.copyOf(unchecked.values()));
    // Signed metadata, unchecked payload: any bytes served for a target are installed.
    for (String id : List.of(
        "arbitrary_installation:a-target-replaced-by-other-bytes-of-the-same-length-is-refused",
        "arbitrary_installation:a-target-replaced-by-a-longer-file-is-refused",
        "wrong_software:a-genuine-target-served-in-place-of-another-is-refused-same-length",
        "wrong_software:a-genuine-target-served-in-place-of-another-is-refused-different-length")) {
      assertThat(unchecked.get(id).verdict()).as(id + "\n" + report2).isEqualTo(Verdict.VULNERABLE);
    }
    assertThat(unchecked.get("arbitrary_installation:without-an-attacker-the-client-installs-the-genuine-target").verdict())
        .as(report2).isEqualTo(Verdict.PROTECTED);
  }

  private static Map<String, ScenarioResult> byId(RunResult run) {
    return run.results().stream().collect(Collectors.toMap(ScenarioResult::scenarioId, Function.identity(), (a, b) -> a));
  }

  @Test
  void aSignatureOnlyClientIsVulnerableToAReplayedTimestamp(@TempDir Path work) {
    RunResult run = CatalogueProbe.run("naive:signature-only", SystemKind.NAIVE_TEACHING, NaiveClient.CAPABILITIES,
        () -> new NaiveClient(NaiveKind.SIGNATURE_ONLY),
        Optional.of("@rollback and @tuf-5.4.3.1 and not @waits and not @key-compromise"), work);
    List<ScenarioResult> results = run.results();
    assertThat(results).as(CatalogueProbe.describe(results))
        .filteredOn(r -> r.scenarioId().equals("rollback:a-replayed-older-timestamp-is-refused"))
        .singleElement()
        .satisfies(r -> assertThat(r.verdict()).isEqualTo(Verdict.VULNERABLE));
  }
}
