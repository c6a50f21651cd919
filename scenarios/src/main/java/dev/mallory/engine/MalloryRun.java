package dev.mallory.engine;

import dev.mallory.report.RunResult;
import dev.mallory.report.ScenarioResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the catalogue against each system under test, one Cucumber run per system (scenarios of a
 * run may be parallel), and gathers every verdict into one {@link RunResult}.
 */
public final class MalloryRun {
  /** The glue package: step definitions, split by domain. */
  public static final String GLUE = "dev.mallory.steps";

  /** The glue of server systems: only the server-validation steps (no client hooks run). */
  public static final String SERVER_GLUE = "dev.mallory.steps.server";

  /** The tag of the scenarios that validate a Notary-compatible server rather than a client. */
  public static final String SERVER_TAG = "@server-validation";

  private static final DateTimeFormatter RUN_ID =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private MalloryRun() {}

  public static RunResult run(RunOptions options, List<SystemUnderTest> systems, Consumer<ScenarioResult> progress) {
    Instant started = Instant.now();
    String runId = RUN_ID.format(started) + "-" + Long.toHexString(System.nanoTime() & 0xffff);
    List<ScenarioResult> results = Collections.synchronizedList(new ArrayList<>());
    for (SystemUnderTest system : systems) {
      Path work = directory(options.workDir().resolve(runId).resolve(safe(system.name())));
      RunContext.activate(new RunContext(system.name(), system.capabilities(), system.clients(), system.servers(), system.backend(),
          work, system.expectedToFail(), r -> {
        results.add(r);
        progress.accept(r);
      }));
      try {
        io.cucumber.core.cli.Main.run(cucumberArgs(options, false, system.isServer(), threads(system, options.threads())),
            MalloryRun.class.getClassLoader());
      } finally {
        RunContext.activate(null);
      }
    }
    return new RunResult(runId, started, Duration.between(started, Instant.now()), List.copyOf(results),
        systems.stream().map(SystemUnderTest::info).toList(), java.util.Map.of());
  }

  static String[] cucumberArgs(RunOptions options, boolean dryRun) {
    return cucumberArgs(options, dryRun, false, options.threads());
  }

  /**
   * A server someone else runs ({@code url:}) is one server for all the scenarios, so they run one
   * at a time: in parallel they would load-test it together (the {@code @load} scenarios do that on
   * purpose, alone) and a crash one of them caused would fail the others. Servers Mallory starts
   * are fresh for each scenario and run in parallel as asked.
   */
  static int threads(SystemUnderTest system, int requested) {
    return system.isServer() && !system.servers().get().restartable() ? 1 : requested;
  }

  /**
   * Client systems run every scenario but the server-validation ones, with all the glue; server
   * systems run only the server-validation scenarios, with the server glue alone.
   */
  static String[] cucumberArgs(RunOptions options, boolean dryRun, boolean server, int threads) {
    List<String> args = new ArrayList<>(List.of(
        "--glue", server ? SERVER_GLUE : GLUE,
        "--plugin", ResultCollector.class.getName(),
        "--threads", Integer.toString(threads),
        // Cucumber's pass/fail summary counts a refused attack as a failed scenario; the verdicts
        // are the summary.
        "--no-summary",
        "--monochrome"));
    args.addAll(List.of("--tags", server ? SERVER_TAG : "not " + SERVER_TAG));
    options.tags().ifPresent(t -> args.addAll(List.of("--tags", t)));
    options.name().ifPresent(n -> args.addAll(List.of("--name", n)));
    args.addAll(List.of("--order", options.order()));
    if (dryRun) {
      args.add("--dry-run");
    }
    args.add(options.features().toAbsolutePath().toString());
    return args.toArray(String[]::new);
  }

  private static Path directory(Path path) {
    try {
      return Files.createDirectories(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the work directory " + path, e);
    }
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
