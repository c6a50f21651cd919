package dev.mallory.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mallory.report.RunResult;
import dev.mallory.report.ScenarioResult;
import dev.mallory.report.SystemKind;
import dev.mallory.report.Verdict;
import dev.mallory.sut.ClientFactory;
import dev.mallory.sut.Clients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The findings the README reports about tuf-js 5.0.1 and sigstore-java 2.0.0 (both pinned: the
 * npm lockfile and the shim's pom), re-observed on every test run. If a client changes, this
 * fails and the README's findings must be revised with it.
 */
class ThirdPartyFindingsTest {
  private static final String DIAMOND =
      "implementation_bugs:a-role-reached-through-a-second-delegator-is-verified-with-that-delegator-s-keys";
  private static final String THRESHOLD_ZERO = "implementation_bugs:a-root-that-gives-the-timestamp-role-threshold-0-is-invalid";
  private static final String STORED_EXACTLY = "implementation_bugs:metadata-is-stored-exactly-as-it-was-received-and-verified";
  /** @waits: on the scenario's clock, since both shims take their time from Mallory (REFERENCE_TIME). */
  private static final String SAME_VERSION_FREEZE =
      "freeze:a-timestamp-frozen-at-the-version-the-client-already-trusts-is-refused-once-it-expires";
  private static final String EXPIRED_THEN_REPLAYED =
      "rollback:a-replayed-older-timestamp-is-refused-even-after-the-trusted-timestamp-has-expired";

  @Test
  void tufJs_acceptsARoleReachedThroughASecondDelegatorWithoutItsKeys(@TempDir Path work) {
    assumeTrue(Files.isDirectory(CatalogueProbe.projectRoot().resolve("scenarios/clients/tuf-js/node_modules")),
        "tuf-js shim not installed: run scripts/install-deps.sh");
    Map<String, Verdict> verdicts = run("tuf-js", work);

    assertThat(verdicts).containsEntry(DIAMOND, Verdict.VULNERABLE);
    assertThat(verdicts).containsEntry(THRESHOLD_ZERO, Verdict.PROTECTED);
    assertThat(verdicts).containsEntry(STORED_EXACTLY, Verdict.PROTECTED);
    assertThat(verdicts).containsEntry(SAME_VERSION_FREEZE, Verdict.PROTECTED);
    assertThat(verdicts).containsEntry(EXPIRED_THEN_REPLAYED, Verdict.PROTECTED);
  }

  @Test
  void sigstoreJava_acceptsThresholdZero_storesReserialisedMetadata_andFreezesOnItsOwnTimestamp(@TempDir Path work) {
    assumeTrue(Files.isDirectory(CatalogueProbe.projectRoot().resolve("scenarios/clients/sigstore-java/target/lib")),
        "sigstore-java shim not built: run scripts/install-deps.sh");
    Map<String, Verdict> verdicts = run("sigstore-java", work);

    assertThat(verdicts).containsEntry(THRESHOLD_ZERO, Verdict.VULNERABLE);
    assertThat(verdicts).containsEntry(STORED_EXACTLY, Verdict.BROKEN);
    assertThat(verdicts).containsEntry(DIAMOND, Verdict.NOT_APPLICABLE); // no delegations
    // It returns before any expiry check when the timestamp's version is the one it trusts:
    // replaying the current timestamp freezes it after that timestamp has expired.
    assertThat(verdicts).containsEntry(SAME_VERSION_FREEZE, Verdict.VULNERABLE);
    assertThat(verdicts).containsEntry(EXPIRED_THEN_REPLAYED, Verdict.PROTECTED);
  }

  private static Map<String, Verdict> run(String spec, Path work) {
    try (ClientFactory factory = Clients.fromSpec(spec)) {
      RunResult run = CatalogueProbe.run(spec, SystemKind.THIRD_PARTY, factory.capabilities(), factory::newClient,
          Optional.of("@implementation-bug or @waits"), work);
      return run.results().stream().collect(Collectors.toMap(ScenarioResult::scenarioId, ScenarioResult::verdict, (a, b) -> a));
    }
  }
}
