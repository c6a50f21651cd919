package dev.mallory.steps.contenttrust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mallory.engine.MalloryRun;
import dev.mallory.engine.RunContext;
import dev.mallory.engine.RunOptions;
import dev.mallory.engine.SystemUnderTest;
import dev.mallory.report.RunResult;
import dev.mallory.report.ScenarioResult;
import dev.mallory.report.SystemInfo;
import dev.mallory.report.SystemKind;
import dev.mallory.report.Verdict;
import dev.mallory.sut.ClientFactory;
import dev.mallory.sut.Clients;
import dev.mallory.sut.pull.RealBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code features/content_trust.feature} through the engine, as {@code mallory run} runs it: every
 * scenario against the reference puller must be PROTECTED, and the naive puller (Docker 1.3's
 * pull) must be VULNERABLE exactly on the scenarios tagged {@code @naive-pull-vulnerable} and
 * PROTECTED on the others; on both reference backends (TUF layout and Notary API), and for the
 * reference puller also against the real docker-registry and notary-server.
 */
class ContentTrustFeatureTest {
  static final Path FEATURE = locate();

  @TempDir Path work;

  private static Path locate() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path f = p.resolve("features/content_trust.feature");
      if (Files.isRegularFile(f)) {
        return f;
      }
    }
    throw new IllegalStateException("features/content_trust.feature not found above " + Path.of("").toAbsolutePath());
  }

  private List<ScenarioResult> run(String spec) {
    try (ClientFactory factory = Clients.fromSpec(spec)) {
      SystemUnderTest system = new SystemUnderTest(new SystemInfo(factory.name(), SystemKind.UNDER_TEST, "content trust"),
          factory.capabilities(), factory::newClient, RunContext.ExpectedToFail.NONE);
      RunResult result = MalloryRun.run(new RunOptions(FEATURE, Optional.empty(), 2, work), List.of(system), r -> {});
      return result.results();
    }
  }

  private static Map<String, String> table(List<ScenarioResult> results) {
    return results.stream().collect(Collectors.toMap(r -> r.title(), r -> r.verdict() + " | " + String.join(" / ", r.evidence().notes()),
        (a, b) -> a + " || " + b, TreeMap::new));
  }

  private void allProtected(String spec, int expectedNotApplicable) {
    List<ScenarioResult> results = run(spec);
    assertThat(results).hasSize(19);
    Map<Verdict, Long> counts = results.stream().collect(Collectors.groupingBy(ScenarioResult::verdict, Collectors.counting()));
    assertThat(counts.getOrDefault(Verdict.PROTECTED, 0L)).as(spec + ": " + table(results)).isEqualTo(19L - expectedNotApplicable);
    assertThat(counts.getOrDefault(Verdict.NOT_APPLICABLE, 0L)).as(spec + ": " + table(results)).isEqualTo(expectedNotApplicable);
  }

  private void naiveLosesExactlyWhereTagged(String spec) {
    List<ScenarioResult> results = run(spec);
    assertThat(results).hasSize(19);
    for (ScenarioResult r : results) {
      Verdict expected = r.tags().contains("@naive-pull-vulnerable") ? Verdict.VULNERABLE : Verdict.PROTECTED;
      assertThat(r.verdict()).as(spec + " " + r.title() + ": " + r.evidence().notes()).isEqualTo(expected);
    }
    assertThat(results).filteredOn(r -> r.verdict() == Verdict.VULNERABLE).hasSize(11);
  }

  @Test
  void referencePuller_tufLayout_isProtectedEverywhere() {
    allProtected("pull:reference@tuf", 0);
  }

  @Test
  void referencePuller_notaryApi_isProtectedEverywhere() {
    allProtected("pull:reference@notary", 0);
  }

  @Test
  void naivePuller_tufLayout_isVulnerableExactlyWhereItsDesignIsWeak() {
    naiveLosesExactlyWhereTagged("pull:naive@tuf");
  }

  @Test
  void naivePuller_notaryApi_isVulnerableExactlyWhereItsDesignIsWeak() {
    naiveLosesExactlyWhereTagged("pull:naive@notary");
  }

  /** The real docker-registry (behind the tampering relay) and the real notary-server; no forged delegation there yet. */
  @Test
  void referencePuller_realRegistryAndRealNotaryServer_isProtectedEverywhere() {
    Optional<String> missing = RealBackend.unavailable();
    assumeTrue(missing.isEmpty(), missing.orElse(""));
    allProtected("pull:reference@real", 1);
  }

  @Test
  void tufClientSystems_findContentTrustNotApplicable() {
    // A TUF client is not a pull client: every content-trust scenario is NOT_APPLICABLE for it.
    try (ClientFactory factory = Clients.fromSpec("naive:tofu")) {
      SystemUnderTest system = new SystemUnderTest(new SystemInfo(factory.name(), SystemKind.NAIVE_TEACHING, "tofu"),
          factory.capabilities(), factory::newClient, RunContext.ExpectedToFail.NONE);
      RunResult result = MalloryRun.run(new RunOptions(FEATURE, Optional.empty(), 2, work), List.of(system), r -> {});
      assertThat(result.results()).hasSize(19).allSatisfy(r -> assertThat(r.verdict()).as(r.title()).isEqualTo(Verdict.NOT_APPLICABLE));
    }
  }
}
