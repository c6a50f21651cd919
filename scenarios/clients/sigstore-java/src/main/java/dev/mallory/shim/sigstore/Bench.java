package dev.mallory.shim.sigstore;

import dev.sigstore.tuf.FileSystemTufStore;
import dev.sigstore.tuf.HttpFetcher;
import dev.sigstore.tuf.MetaFetcher;
import dev.sigstore.tuf.PassthroughCacheMetaStore;
import dev.sigstore.tuf.RootProvider;
import dev.sigstore.tuf.TrustedMetaStore;
import dev.sigstore.tuf.Updater;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark driver (Mallory issue 4), run in a fresh JVM: a cold {@code updateMeta()}, then a
 * lookup of every name in NAMES_FILE in the trusted top-level targets (sigstore-java has no
 * lookup API of its own and no delegations: {@link TrustedMetaStore#getTargets()} is what its
 * {@code downloadTarget} reads), then optionally one {@code downloadTarget}. Only that in-process
 * work is timed; it prints one line
 * {@code BENCH client=sigstore-java refresh_ms=.. lookups_ms=.. lookups=.. found=.. download_ms=.. peak_rss_kb=.. peak_heap_kb=..}.
 *
 * <p>usage: {@code Bench METADATA_DIR METADATA_URL TARGET_BASE_URL TARGET_DIR NAMES_FILE [DOWNLOAD_NAME]}
 */
public final class Bench {
  private Bench() {}

  public static void main(String[] a) throws Exception {
    if (a.length < 5) {
      System.err.println("usage: Bench METADATA_DIR METADATA_URL TARGET_BASE_URL TARGET_DIR NAMES_FILE [DOWNLOAD_NAME]");
      System.exit(2);
    }
    Main.quietLogging();
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
    FileSystemTufStore fs = FileSystemTufStore.newFileSystemStore(metaDir, tgtDir);
    TrustedMetaStore trusted =
        TrustedMetaStore.newTrustedMetaStore(PassthroughCacheMetaStore.newPassthroughMetaCache(fs));
    Updater updater = Updater.builder()
        .setClock(Clock.systemUTC())
        .setTrustedMetaStore(trusted)
        .setTrustedRootPath(RootProvider.fromFile(metaDir.resolve("root.json")))
        .setMetaFetcher(MetaFetcher.newFetcher(HttpFetcher.newFetcher(URI.create(slash(metaUrl)))))
        .setTargetFetcher(HttpFetcher.newFetcher(URI.create(slash(targetUrl))))
        .setTargetStore(fs)
        .build();
    updater.updateMeta();
    long t1 = System.nanoTime();
    int found = 0;
    for (String name : names) {
      if (trusted.getTargets().getSignedMeta().getTargets().get(name) != null) {
        found++;
      }
    }
    long t2 = System.nanoTime();
    long cpu = cpuNanos() - cpu0;
    double downloadMs = -1;
    if (download != null) {
      updater.downloadTarget(download);
      downloadMs = (System.nanoTime() - t2) / 1e6;
    }
    System.out.println(String.format(Locale.ROOT,
        "BENCH client=sigstore-java round=%d refresh_ms=%.1f lookups_ms=%.1f lookups=%d found=%d cpu_ms=%.1f download_ms=%.1f"
            + " peak_rss_kb=%d peak_heap_kb=%d",
        round, (t1 - t0) / 1e6, (t2 - t1) / 1e6, names.size(), found, cpu / 1e6, downloadMs, peakRssKb(),
        peakHeapKb()));
  }

  private static String slash(String url) {
    return url.endsWith("/") ? url : url + "/";
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
