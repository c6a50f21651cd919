package dev.mallory.catalogue;

import dev.mallory.engine.MalloryRun;
import dev.mallory.engine.RunContext;
import dev.mallory.engine.RunOptions;
import dev.mallory.engine.SystemUnderTest;
import dev.mallory.report.RunResult;
import dev.mallory.report.ScenarioResult;
import dev.mallory.report.SystemInfo;
import dev.mallory.report.SystemKind;
import dev.mallory.sut.Capability;
import dev.mallory.sut.ClientUnderTest;
import dev.mallory.sut.backend.RepositoryBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Runs the catalogue (or part of it) against one client for the tests. */
final class CatalogueProbe {
  private CatalogueProbe() {}

  static Path features() {
    return projectRoot().resolve("features");
  }

  static Path projectRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("features"))) {
        return p;
      }
    }
    throw new IllegalStateException("no features/ above " + Path.of("").toAbsolutePath());
  }

  static RunResult run(String name, SystemKind kind, Set<Capability> capabilities, Supplier<ClientUnderTest> clients,
      Optional<String> tags, Path work) {
    return run(features(), name, kind, capabilities, clients, tags, work);
  }

  /** The reference client over the given options (selection, order, threads). */
  static RunResult reference(RunOptions options) {
    SystemUnderTest system = new SystemUnderTest(new SystemInfo("reference", SystemKind.REFERENCE, "reference"),
        dev.mallory.sut.ReferenceClientUnderTest.CAPABILITIES, dev.mallory.sut.ReferenceClientUnderTest::new,
        RunContext.ExpectedToFail.NONE);
    return MalloryRun.run(options, List.of(system), r -> { });
  }

  /** As above, for the features in another folder (test resources). */
  static RunResult run(Path features, String name, SystemKind kind, Set<Capability> capabilities,
      Supplier<ClientUnderTest> clients, Optional<String> tags, Path work) {
    return run(features, name, kind, capabilities, clients, RepositoryBackend.reference(), tags, work);
  }

  /** As above, the scenario repositories served by {@code backend} (the caller closes it). */
  static RunResult run(Path features, String name, SystemKind kind, Set<Capability> capabilities,
      Supplier<ClientUnderTest> clients, RepositoryBackend backend, Optional<String> tags, Path work) {
    SystemUnderTest system = new SystemUnderTest(new SystemInfo(name, kind, name), capabilities, clients,
        RunContext.ExpectedToFail.NONE, backend);
    return MalloryRun.run(new RunOptions(features, tags, 4, work), List.of(system), r -> { });
  }

  static String describe(List<ScenarioResult> results) {
    StringBuilder out = new StringBuilder();
    for (ScenarioResult r : results) {
      out.append(r.verdict()).append("  ").append(r.scenarioId()).append('\n');
      r.evidence().notes().forEach(n -> out.append("      ").append(n).append('\n'));
    }
    return out.toString();
  }
}
