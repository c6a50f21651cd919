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
    Path metadataDir = Path.of(a[0]);
    Path targetDir = Path.of(a[3]);
    List<String> names = Files.readAllLines(Path.of(a[4])).stream().filter(s -> !s.isEmpty()).toList();
    String download = a.length > 5 ? a[5] : null;
    long t0 = System.nanoTime();
    FileSystemTufStore fs = FileSystemTufStore.newFileSystemStore(metadataDir, targetDir);
    TrustedMetaStore trusted =
        TrustedMetaStore.newTrustedMetaStore(PassthroughCacheMetaStore.newPassthroughMetaCache(fs));
    Updater updater = Updater.builder()
        .setClock(Clock.systemUTC())
        .setTrustedMetaStore(trusted)
        .setTrustedRootPath(RootProvider.fromFile(metadataDir.resolve("root.json")))
        .setMetaFetcher(MetaFetcher.newFetcher(HttpFetcher.newFetcher(URI.create(slash(a[1])))))
        .setTargetFetcher(HttpFetcher.newFetcher(URI.create(slash(a[2]))))
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
    double downloadMs = -1;
    if (download != null) {
      updater.downloadTarget(download);
      downloadMs = (System.nanoTime() - t2) / 1e6;
    }
    System.out.println(String.format(Locale.ROOT,
        "BENCH client=sigstore-java refresh_ms=%.1f lookups_ms=%.1f lookups=%d found=%d download_ms=%.1f"
            + " peak_rss_kb=%d peak_heap_kb=%d",
        (t1 - t0) / 1e6, (t2 - t1) / 1e6, names.size(), found, downloadMs, peakRssKb(), peakHeapKb()));
    System.exit(0);
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
