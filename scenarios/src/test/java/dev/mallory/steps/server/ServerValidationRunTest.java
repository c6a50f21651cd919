package dev.mallory.steps.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mallory.engine.MalloryRun;
import dev.mallory.engine.RunContext;
import dev.mallory.engine.RunOptions;
import dev.mallory.engine.SystemUnderTest;
import dev.mallory.external.NotaryServer;
import dev.mallory.report.Evidence;
import dev.mallory.report.RunResult;
import dev.mallory.report.ScenarioResult;
import dev.mallory.report.SystemInfo;
import dev.mallory.report.SystemKind;
import dev.mallory.report.Verdict;
import dev.mallory.sut.server.Servers;
import dev.mallory.sut.server.ServersOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * features/server_validation.feature run through {@link MalloryRun} with server systems: the
 * reference server (with push authorisation, and without) must pass every scenario (PROTECTED, or
 * NOT_APPLICABLE where it lacks the means: it cannot be killed apart from this JVM); the real
 * notary-server 0.7.0 is run by command line, by URL and by container image and its verdicts are
 * recorded in target/server-validation/ (they are what scenarios/FINDINGS-notary-server.md reports).
 */
class ServerValidationRunTest {
  @TempDir Path dir;

  @AfterAll
  static void stopDockerIfOurs() {
    dev.mallory.sut.server.DockerForTestsAccess.release();
  }

  @Test
  void referenceServerPassesEveryScenario() throws Exception {
    RunResult result = run(List.of("reference:auth", "reference"));
    record(result, "reference");
    int scenarios = scenarioCount();
    List<String> failures = new ArrayList<>();
    for (String system : List.of("reference:auth", "reference")) {
      List<ScenarioResult> results = result.resultsOf(system);
      assertThat(results).as(system).hasSize(scenarios);
      for (ScenarioResult r : results) {
        boolean crash = r.tags().contains("@crash");
        boolean openAuth = system.equals("reference") && r.tags().contains("@authorisation");
        boolean ok = r.verdict() == Verdict.PROTECTED || (r.verdict() == Verdict.NOT_APPLICABLE && (crash || openAuth));
        if (!ok) {
          failures.add(system + " | " + r.verdict() + " | " + r.title() + "\n" + explain(r));
        }
      }
    }
    assertThat(failures).as(String.join("\n\n", failures)).isEmpty();
    assertThat(result.resultsOf("reference:auth").stream().filter(r -> r.tags().contains("@authorisation")))
        .allSatisfy(r -> assertThat(r.verdict()).isEqualTo(Verdict.PROTECTED));
  }

  @Test
  void notaryServerByCommandLine() throws Exception {
    assumeTrue(NotaryServer.isInstalled(), NotaryServer.NOT_INSTALLED);
    RunResult result = run(List.of("cmd:notary-server -config {config}"));
    record(result, "notary-server-cmd");
    assertThat(result.resultsOf("cmd:notary-server")).hasSize(scenarioCount());
    assertThat(result.resultsOf("cmd:notary-server")).noneMatch(r -> r.verdict() == Verdict.ERROR);
    // FINDINGS-notary-server.md 7: the in-process signer dies of concurrent key creation. It is a
    // race, usually lost within a few hundred requests but not always (a quiet machine once
    // answered all 10,000), so either verdict may come; each must carry its own evidence.
    ScenarioResult keyBurst = titled(result.resultsOf("cmd:notary-server"), KEY_BURST);
    assertThat(keyBurst.verdict()).as(explain(keyBurst)).isIn(Verdict.BROKEN, Verdict.PROTECTED);
    if (keyBurst.verdict() == Verdict.BROKEN) {
      assertThat(keyBurst.evidence().notes()).as(explain(keyBurst))
          .anySatisfy(n -> assertThat(n).contains("no longer answers its health check", "the process has exited",
              "fatal error: concurrent map writes"));
    } else {
      assertThat(keyBurst.evidence().notes()).as(explain(keyBurst))
          .anySatisfy(n -> assertThat(n).startsWith("burst: 10000 of 10000 requests sent").contains("0 without a response"));
    }
  }

  private static final String KEY_BURST = "A burst of requests for the keys of new repositories leaves the server serving and unchanged";

  private static ScenarioResult titled(List<ScenarioResult> results, String title) {
    return results.stream().filter(r -> r.title().equals(title)).findFirst()
        .orElseThrow(() -> new AssertionError("no result for scenario '" + title + "'"));
  }

  @Test
  void notaryServerByUrl() throws Exception {
    assumeTrue(NotaryServer.isInstalled(), NotaryServer.NOT_INSTALLED);
    try (NotaryServer real = NotaryServer.start(dir.resolve("real"))) {
      String spec = "url:" + real.url();
      RunResult result = run(List.of(spec));
      record(result, "notary-server-url");
      String name = Servers.fromSpec(spec, ServersOptions.in(dir)).name();
      assertThat(result.resultsOf(name)).hasSize(scenarioCount());
      assertThat(result.resultsOf(name)).noneMatch(r -> r.verdict() == Verdict.ERROR);
      // A burst that may kill the server is not sent to a server someone else runs.
      assertThat(titled(result.resultsOf(name), KEY_BURST).verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
      assertThat(real.isAlive()).isTrue();
    }
  }

  @Test
  void notaryServerByImage() throws Exception {
    Optional<String> noDocker = dev.mallory.sut.server.DockerForTestsAccess.acquire();
    assumeTrue(noDocker.isEmpty(), () -> "SKIPPED: containers cannot run here: " + noDocker.orElse(""));
    String spec = "image:mallory/notary-server:local";
    RunResult result = run(List.of(spec));
    record(result, "notary-server-image");
    assertThat(result.resultsOf(spec)).hasSize(scenarioCount());
    assertThat(result.resultsOf(spec)).noneMatch(r -> r.verdict() == Verdict.ERROR);
  }

  private RunResult run(List<String> specs) {
    List<SystemUnderTest> systems = new ArrayList<>();
    for (String spec : specs) {
      AtomicInteger n = new AtomicInteger();
      ServersOptions options = ServersOptions.in(dir.resolve("servers"));
      String name = Servers.fromSpec(spec, options).name();
      systems.add(SystemUnderTest.forServer(new SystemInfo(name, name.startsWith("reference") ? SystemKind.REFERENCE : SystemKind.THIRD_PARTY, spec),
          () -> Servers.fromSpec(spec, options.withWorkDir(dir.resolve("servers").resolve(name.replaceAll("\\W", "_") + n.incrementAndGet()))),
          RunContext.ExpectedToFail.NONE));
    }
    return MalloryRun.run(new RunOptions(featureFile(), Optional.empty(), 2, dir.resolve("work")), systems, r -> { });
  }

  static Path featureFile() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path f = p.resolve("features").resolve("server_validation.feature");
      if (Files.isRegularFile(f)) {
        return f;
      }
    }
    throw new IllegalStateException("features/server_validation.feature not found above " + Path.of("").toAbsolutePath());
  }

  private static int scenarioCount() throws IOException {
    int n = 0;
    boolean inExamples = false;
    boolean header = false;
    for (String line : Files.readAllLines(featureFile())) {
      String t = line.strip();
      if (t.startsWith("Scenario:")) {
        n++;
        inExamples = false;
      } else if (t.startsWith("Scenario Outline:")) {
        inExamples = false;
      } else if (t.startsWith("Examples:")) {
        inExamples = true;
        header = true;
      } else if (inExamples && t.startsWith("|")) {
        if (header) {
          header = false;
        } else {
          n++;
        }
      }
    }
    return n;
  }

  private static String explain(ScenarioResult r) {
    Evidence e = r.evidence();
    return "attack: " + e.attack() + "\noutcome: " + e.outcome() + "\nexchanges:\n  " + String.join("\n  ", e.exchanges())
        + "\nnotes:\n  " + String.join("\n  ", e.notes());
  }

  /** Writes every verdict with its evidence to target/server-validation/<label>.txt. */
  private static void record(RunResult result, String label) throws IOException {
    Path out = Files.createDirectories(Path.of("target", "server-validation"));
    StringBuilder b = new StringBuilder();
    Map<Verdict, Integer> counts = new TreeMap<>();
    for (String system : result.systems()) {
      for (ScenarioResult r : result.resultsOf(system)) {
        counts.merge(r.verdict(), 1, Integer::sum);
        b.append("== ").append(system).append(" | ").append(r.verdict()).append(" | ").append(r.title()).append('\n')
            .append(explain(r)).append("\n\n");
      }
    }
    b.insert(0, "verdicts: " + counts + "\n\n");
    Files.writeString(out.resolve(label + ".txt"), b.toString(), StandardCharsets.UTF_8);
    System.out.println(label + ": " + counts);
  }
}
