package dev.mallory.bench;

import dev.mallory.cli.ClientCds;
import dev.mallory.client.TufLayout;
import dev.mallory.client.Updater;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The reference client's side of {@link SideBySideClientBenchmark}, run in a fresh JVM like the
 * other clients: a cold refresh, {@code getTargetInfo} for every name in NAMES_FILE (delegated
 * roles load on demand), then optionally one download. Only that in-process work is timed; prints
 * {@code BENCH client=reference refresh_ms=.. lookups_ms=.. lookups=.. found=.. download_ms=.. peak_rss_kb=.. peak_heap_kb=..}.
 *
 * <p>usage: {@code ReferenceClientBench METADATA_DIR METADATA_URL TARGET_BASE_URL TARGET_DIR NAMES_FILE [DOWNLOAD_NAME]}
 */
public final class ReferenceClientBench {
  private ReferenceClientBench() {}

  public static void main(String[] a) throws Exception {
    if (a.length < 5) {
      System.err.println("usage: ReferenceClientBench METADATA_DIR METADATA_URL TARGET_BASE_URL TARGET_DIR NAMES_FILE [DOWNLOAD_NAME]");
      System.exit(2);
    }
    List<String> names = Files.readAllLines(Path.of(a[4])).stream().filter(s -> !s.isEmpty()).toList();
    String download = a.length > 5 ? a[5] : null;
    // BENCH_ROUNDS=N repeats the whole cycle in this process with fresh directories: round 1 is the
    // cold figure, the last one the warm figure (what a long-lived process would see).
    int rounds = Integer.parseInt(System.getenv().getOrDefault("BENCH_ROUNDS", "1"));
    byte[] trustedRoot = Files.readAllBytes(Path.of(a[0]).resolve("root.json"));
    for (int round = 1; round <= rounds; round++) {
      String suffix = round == 1 ? "" : "-round" + round;
      Path metaDir = Files.createDirectories(Path.of(a[0] + suffix));
      Path tgtDir = Files.createDirectories(Path.of(a[3] + suffix));
      Files.write(metaDir.resolve("root.json"), trustedRoot);
      cycle(metaDir, a[1], a[2], tgtDir, names, download, round);
    }
    System.exit(0);
  }

  private static void cycle(Path metaDir, String metaUrl, String targetUrl, Path tgtDir, List<String> names,
      String download, int round) throws Exception {
    long cpu0 = cpuNanos();
    long t0 = System.nanoTime();
    Updater updater = Updater.builder(new TufLayout(URI.create(metaUrl)))
        .metadataDir(metaDir).targetDir(tgtDir).targetBaseUrl(URI.create(targetUrl)).build();
    updater.refresh();
    long t1 = System.nanoTime();
    int found = 0;
    for (String name : names) {
      if (updater.getTargetInfo(name).isPresent()) {
        found++;
      }
    }
    long t2 = System.nanoTime();
    long cpu = cpuNanos() - cpu0;
    double downloadMs = -1;
    if (download != null) {
      updater.download(download);
      downloadMs = (System.nanoTime() - t2) / 1e6;
    }
    System.out.println(String.format(Locale.ROOT,
        "BENCH client=reference round=%d refresh_ms=%.1f lookups_ms=%.1f lookups=%d found=%d cpu_ms=%.1f download_ms=%.1f"
            + " peak_rss_kb=%d peak_heap_kb=%d",
        round, (t1 - t0) / 1e6, (t2 - t1) / 1e6, names.size(), found, cpu / 1e6, downloadMs, peakRssKb(),
        peakHeapKb()));
  }

  /**
   * The command that starts this driver as a one-shot {@code mallory client} call starts: the JVM
   * options of {@code clients/mallory-client.jvm-options} and a Class Data Sharing archive made by
   * {@link ClientCds} (the build's own archive tool and training) for the classes under test. If no
   * archive can be made, the note says why and the command runs without one.
   */
  static List<String> oneShotCommand(Path clientsDir, Path workDir, StringBuilder note) throws IOException {
    List<String> options = ClientCds.jvmOptions(clientsDir.resolve("mallory-client.jvm-options"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(options);
    try {
      ClientCds.Archive archive = ClientCds.prepare(workDir, testClasspath(), options);
      // -Xshare:on: fail rather than silently measure without the archive.
      command.addAll(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive.file(), "-cp", archive.classpathString()));
      note.append("reference cold: ").append(String.join(" ", options)).append(" + CDS archive ").append(archive.file());
    } catch (IOException | RuntimeException e) {
      command.addAll(List.of("-cp", System.getProperty("java.class.path")));
      note.append("reference cold: ").append(String.join(" ", options)).append(", NO CDS archive: ").append(e.getMessage());
    }
    command.add(ReferenceClientBench.class.getName());
    return command;
  }

  /** This JVM's classpath, a manifest-only jar (surefire's booter) replaced by its Class-Path. */
  public static List<Path> testClasspath() throws IOException {
    List<Path> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      String manifestClassPath = null;
      if (Files.isRegularFile(path)) {
        try (JarFile jar = new JarFile(path.toFile(), false)) {
          Manifest manifest = jar.getManifest();
          manifestClassPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
        }
      }
      if (manifestClassPath == null) {
        entries.add(path);
        continue;
      }
      for (String url : manifestClassPath.trim().split("\\s+")) {
        entries.add(Path.of(path.toUri().resolve(url)));
      }
    }
    return entries;
  }

  /** VmHWM: the process's peak resident set, the figure node's maxRSS reports too. */
  static long peakRssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (java.io.IOException | NumberFormatException e) {
      // not Linux: unknown
    }
    return -1;
  }

  /** CPU time of the whole process (every thread: JIT compilers and GC included). */
  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static long peakHeapKb() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum >> 10;
  }
}
