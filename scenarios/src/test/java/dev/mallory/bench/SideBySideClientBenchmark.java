package dev.mallory.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mallory.client.BenchmarkRepositories;
import dev.mallory.client.TestHttpServer;
import dev.mallory.client.TestRepository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4: the reference client side by side with tuf-js 5.0.1 and sigstore-java 2.0.0 on the same
 * repository bytes, served by the same loopback HTTP server ({@link TestHttpServer}, in this JVM).
 *
 * <ul>
 *   <li>(a) 10,000 targets over 1,024 succinct hash bins (bit_length 10): cold refresh, then 1,000
 *       lookups (each loads its bin on demand): reference client and tuf-js (sigstore-java has no
 *       delegations).
 *   <li>(b) 10,000 targets in top-level targets: cold refresh, 1,000 lookups and one download, for
 *       all three.
 * </ul>
 *
 * The reference client runs twice, as it is deployed: "reference cold" is a one-shot call, a fresh
 * JVM with the options of {@code clients/mallory-client.jvm-options} and a Class Data Sharing archive
 * made by the build's own tool ({@link dev.mallory.cli.ClientCds}, trained on other repositories);
 * "reference warm" is the last round of a long-lived JVM with the JVM defaults (what
 * {@code mallory client --serve} uses), whose first round is also shown as "reference cold, JVM
 * defaults".
 *
 * <p>Every client runs in its own fresh process (a JVM for the Java clients, node for tuf-js) and
 * times only its in-process work: the driver ({@link ReferenceClientBench},
 * {@code clients/tuf-js/bench/bench.js}, the sigstore shim's {@code Bench}) starts its clock before
 * building the updater, after its runtime and modules loaded. Peak memory is the process's peak RSS
 * (VmHWM / ru_maxrss) for all three, plus the peak Java heap for the JVMs. Each run is repeated
 * {@code -Dmallory.bench.reps} times (default 3) with fresh metadata directories; the table shows
 * medians. Each process runs the cycle {@code -Dmallory.bench.rounds} times (default 3) with fresh
 * directories: "cold" is its first round (fresh runtime, nothing JIT-compiled), "warm" its last
 * (what a long-lived process, such as {@code mallory client --serve}, sees). Nothing about time is asserted: only that every client found every target.
 *
 * <p>Run: {@code mvn -pl scenarios -am test -Dgroups=benchmark -Dtest=SideBySideClientBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false} (after {@code npm ci} in clients/tuf-js and
 * {@code mvn -q -f scenarios/clients/sigstore-java/pom.xml package -DskipTests}; a client that is
 * not set up is reported and skipped).
 */
@Tag("benchmark")
class SideBySideClientBenchmark {
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  static final int LOOKUPS = 1000;
  static final int REPS = Integer.getInteger("mallory.bench.reps", 3);
  /** Cycles per process: round 1 is "cold" (fresh process), the last round "warm" (same process). */
  static final int ROUNDS = Integer.getInteger("mallory.bench.rounds", 3);
  static final Path CLIENTS = Path.of("clients").toAbsolutePath();
  static final String DOWNLOAD = BenchmarkRepositories.targetPath(4242);

  static final Map<String, Map<String, Result>> table = new LinkedHashMap<>();
  /** The one-shot reference command (options and CDS archive), made once per run. */
  static List<String> oneShot;
  static final StringBuilder oneShotNote = new StringBuilder();
  @TempDir static Path shared;

  @TempDir Path tmp;

  record Result(double refreshMs, double lookupsMs, double cpuMs, double downloadMs, int found, long requests,
      long peakRssKb, long peakHeapKb) {
    double totalMs() {
      return refreshMs + lookupsMs;
    }
  }

  @BeforeAll
  static void header() throws IOException {
    table.clear();
    oneShot = ReferenceClientBench.oneShotCommand(CLIENTS, shared.resolve("cds"), oneShotNote);
    System.out.println("BENCH-NOTE " + oneShotNote);
  }

  @Test
  void a_succinctHashBins_10000Targets_1024Bins() throws Exception {
    TestRepository repo = BenchmarkRepositories.succinct(NOW, 10_000, 10);
    run("(a) 1024 succinct bins", repo, List.of("reference", "reference-serve", "tuf-js"), null, List.of());
  }

  @Test
  void b_topLevelOnly_10000Targets() throws Exception {
    TestRepository repo = BenchmarkRepositories.topLevelOnly(NOW, 10_000);
    // tuf-js 5.0.1 needs minutes of CPU to load a 10,000-target top-level targets.json (measured:
    // 63 s CPU, 244 s wall on a loaded 2-core machine): one process, one round only.
    run("(b) top-level only", repo, List.of("reference", "reference-serve", "tuf-js", "sigstore-java"), DOWNLOAD,
        List.of("tuf-js"));
  }

  /** @param once clients run in one process of one round only (too slow to repeat) */
  private void run(String scenario, TestRepository repo, List<String> clients, String download, List<String> once)
      throws Exception {
    Path names = tmp.resolve("names.txt");
    Files.write(names, IntStream.range(0, LOOKUPS).mapToObj(i -> BenchmarkRepositories.targetPath(i * 10)).toList());
    java.util.Set<String> ran = new java.util.LinkedHashSet<>();
    try (TestHttpServer server = new TestHttpServer(repo.files)) {
      for (int rep = 0; rep < REPS; rep++) {
        for (String client : clients) { // interleaved, so that load changes hit every client alike
          List<String> command = command(client);
          if (command == null || (rep > 0 && once.contains(client))) {
            continue;
          }
          Path dir = Files.createTempDirectory(tmp, client + "-");
          Path meta = Files.createDirectories(dir.resolve("metadata"));
          Path targets = Files.createDirectories(dir.resolve("targets"));
          Files.write(meta.resolve("root.json"), repo.rootBytes(1));
          List<String> argv = new ArrayList<>(command);
          argv.addAll(List.of(meta.toString(), server.url("/metadata/").toString(),
              server.url("/targets/").toString(), targets.toString(), names.toString()));
          if (download != null) {
            argv.add(download);
          }
          int before = server.requests.size();
          boolean oneRound = once.contains(client) || client.equals("reference"); // a one-shot call is one round
          List<Map<String, String>> lines = launch(argv, dir, oneRound ? 1 : ROUNDS);
          long requests = (server.requests.size() - before) / lines.size();
          for (int i = 0; i < lines.size(); i++) {
            if (i != 0 && i != lines.size() - 1) {
              continue;
            }
            Map<String, String> out = lines.get(i);
            Result r = new Result(num(out, "refresh_ms"), num(out, "lookups_ms"), num(out, "cpu_ms"),
                num(out, "download_ms"), (int) num(out, "found"), requests, (long) num(out, "peak_rss_kb"),
                (long) num(out.getOrDefault("peak_heap_kb", "-1")));
            assertEquals(LOOKUPS, r.found(), client + " found " + r.found() + " of " + LOOKUPS);
            String label = label(client, i == 0);
            System.out.printf(Locale.ROOT, "BENCH-RUN %s %s #%d: %s%n", scenario, label, rep + 1, r);
            ran.add(label);
            runs.computeIfAbsent(scenario + "|" + label, k -> new ArrayList<>()).add(r);
          }
        }
      }
    }
    Map<String, Result> medians = new LinkedHashMap<>();
    for (String client : ran) {
      medians.put(client, median(runs.get(scenario + "|" + client)));
    }
    table.put(scenario, medians);
    assertTrue(medians.containsKey("reference cold") && medians.containsKey("reference warm"));
  }

  static final Map<String, List<Result>> runs = new LinkedHashMap<>();

  /** "reference-serve" is the long-lived reference JVM: its first round is cold with JVM defaults. */
  private static String label(String client, boolean firstRound) {
    if (client.equals("reference-serve")) {
      return firstRound ? "reference cold, JVM defaults" : "reference warm";
    }
    return client + (firstRound ? " cold" : " warm");
  }

  private static double num(Map<String, String> out, String key) {
    String v = out.get(key);
    if (v == null) {
      throw new AssertionError("no " + key + " in " + out);
    }
    return num(v);
  }

  private static double num(String v) {
    return Double.parseDouble(v);
  }

  private static Result median(List<Result> rs) {
    return new Result(med(rs, Result::refreshMs), med(rs, Result::lookupsMs), med(rs, Result::cpuMs),
        med(rs, Result::downloadMs),
        rs.get(0).found(), (long) med(rs, r -> r.requests()), (long) med(rs, r -> r.peakRssKb()),
        (long) med(rs, r -> r.peakHeapKb()));
  }

  private static double med(List<Result> rs, java.util.function.ToDoubleFunction<Result> f) {
    double[] v = rs.stream().mapToDouble(f).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** The driver's command line without its arguments, or null (with a note) if not set up. */
  private static List<String> command(String client) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    switch (client) {
      case "reference" -> {
        List<String> cmd = new ArrayList<>(oneShot);
        String extra = System.getProperty("mallory.bench.referenceJvmArgs", "").trim(); // e.g. a JFR recording
        if (!extra.isEmpty()) {
          cmd.addAll(1, Arrays.asList(extra.split("\\s+")));
        }
        return cmd;
      }
      case "reference-serve" -> {
        List<String> cmd = new ArrayList<>(List.of(java));
        String extra = System.getProperty("mallory.bench.referenceJvmArgs", "").trim(); // e.g. a JFR recording
        if (!extra.isEmpty()) {
          cmd.addAll(Arrays.asList(extra.split("\\s+")));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ReferenceClientBench.class.getName()));
        return cmd;
      }
      case "tuf-js" -> {
        Path dir = CLIENTS.resolve("tuf-js");
        if (!Files.isDirectory(dir.resolve("node_modules/tuf-js"))) {
          System.out.println("BENCH-SKIP tuf-js: run npm ci in " + dir);
          return null;
        }
        return List.of("node", dir.resolve("bench/bench.js").toString());
      }
      case "sigstore-java" -> {
        Path dir = CLIENTS.resolve("sigstore-java/target");
        if (!Files.isRegularFile(dir.resolve("classes/dev/mallory/shim/sigstore/Bench.class"))) {
          System.out.println("BENCH-SKIP sigstore-java: mvn -q -f scenarios/clients/sigstore-java/pom.xml package -DskipTests");
          return null;
        }
        return List.of(java, "-cp", dir.resolve("classes") + ":" + dir.resolve("lib") + "/*",
            "dev.mallory.shim.sigstore.Bench");
      }
      default -> throw new IllegalArgumentException(client);
    }
  }

  /** Runs one driver to completion (killed after 20 minutes) and parses its BENCH line. */
  private static List<Map<String, String>> launch(List<String> argv, Path dir, int roundCount)
      throws IOException, InterruptedException {
    Path log = dir.resolve("out.txt");
    ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("BENCH_ROUNDS", String.valueOf(roundCount));
    Process p = builder.start();
    try {
      if (!p.waitFor(20, TimeUnit.MINUTES)) {
        throw new AssertionError("timed out: " + argv);
      }
    } finally {
      if (p.isAlive()) {
        p.destroyForcibly().waitFor();
      }
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    List<Map<String, String>> rounds = new ArrayList<>();
    out.lines().filter(l -> l.startsWith("BENCH ")).forEach(line -> {
      Map<String, String> kv = new LinkedHashMap<>();
      Arrays.stream(line.substring(6).split(" ")).map(s -> s.split("=", 2)).filter(s -> s.length == 2)
          .forEach(s -> kv.put(s[0], s[1]));
      rounds.add(kv);
    });
    if (p.exitValue() != 0 || rounds.size() != roundCount) {
      throw new AssertionError("exit " + p.exitValue() + ", " + rounds.size() + " of " + roundCount
          + " BENCH lines from " + argv + ":\n" + out);
    }
    return rounds;
  }

  @AfterAll
  static void printTable() {
    StringBuilder t = new StringBuilder("\nSIDE-BY-SIDE CLIENT BENCHMARK (median of " + REPS
        + " fresh processes per client; in-process time; same bytes, same loopback server)\n"
        + "wall = refresh + 1000 lookups (wall clock); cpu = CPU time of the whole client process over the same"
        + " span (all threads: JIT, GC)\n");
    t.append(oneShotNote).append('\n');
    t.append(String.format(Locale.ROOT, "%-24s %-28s %10s %10s %10s %10s %8s %8s %7s %7s%n", "repository", "client",
        "refresh ms", "lookups ms", "wall ms", "cpu ms", "dl ms", "requests", "RSS MB", "heap MB"));
    table.forEach((scenario, row) -> {
      row.forEach((client, r) -> t.append(String.format(Locale.ROOT,
          "%-24s %-28s %10.1f %10.1f %10.1f %10.1f %8s %8d %7d %7s%n", scenario, client, r.refreshMs(),
          r.lookupsMs(), r.totalMs(), r.cpuMs(),
          r.downloadMs() < 0 ? "-" : String.format(Locale.ROOT, "%.1f", r.downloadMs()), r.requests(),
          r.peakRssKb() >> 10, r.peakHeapKb() < 0 ? "-" : String.valueOf(r.peakHeapKb() >> 10))));
      row.forEach((label, r) -> {
        if (label.startsWith("reference")) {
          return;
        }
        String mode = label.substring(label.indexOf(' ') + 1);
        List<String> refs = mode.equals("cold") ? List.of("reference cold", "reference cold, JVM defaults")
            : List.of("reference " + mode);
        for (String refLabel : refs) {
          Result ref = row.get(refLabel);
          if (ref != null) {
            t.append(String.format(Locale.ROOT, "%-24s %s / %s: wall %.2fx, cpu %.2fx%s%n", scenario, label,
                refLabel, r.totalMs() / ref.totalMs(), r.cpuMs() / ref.cpuMs(),
                label.startsWith("tuf-js") && !refLabel.endsWith("defaults") ? "  (target: >= 2x)" : ""));
          }
        }
      });
    });
    System.out.println(t);
  }
}
