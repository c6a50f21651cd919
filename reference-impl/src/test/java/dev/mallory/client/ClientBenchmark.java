package dev.mallory.client;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cold refresh plus 1,000 lookups, on 10,000 targets: in 1,024 succinct hash bins (bit_length 10)
 * and top-level only. Plain loop, one JVM, server in-process (its memory counts in the peak).
 * Run: {@code mvn -pl reference-impl -am test -Dgroups=benchmark -DexcludedGroups= -Dtest=ClientBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}. Set {@code -Dmallory.bench.dir=DIR} to keep the repositories.
 */
@Tag("benchmark")
class ClientBenchmark {
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  @TempDir Path tmp;

  @Test
  void succinctHashBins_10000Targets_1024Bins() throws Exception {
    long t0 = System.nanoTime();
    TestRepository repo = BenchmarkRepositories.succinct(NOW, 10_000, 10);
    report("succinct 1024 bins", repo, t0);
  }

  @Test
  void topLevelOnly_10000Targets() throws Exception {
    long t0 = System.nanoTime();
    TestRepository repo = BenchmarkRepositories.topLevelOnly(NOW, 10_000);
    report("top-level only", repo, t0);
  }

  private void report(String name, TestRepository repo, long generationStart) throws Exception {
    double generated = (System.nanoTime() - generationStart) / 1e6;
    String keep = System.getProperty("mallory.bench.dir");
    if (keep != null) {
      repo.writeTo(Path.of(keep, name.replace(' ', '-')));
    }
    try (TestHttpServer server = new TestHttpServer(repo.files)) {
      Path meta = tmp.resolve(name.replace(' ', '-'));
      Updater.initialize(meta, repo.rootBytes(1), repo.dialect);
      System.gc();
      resetPeaks();
      long heapBefore = usedHeap();
      Updater updater = Updater.builder(new TufLayout(server.url("/metadata/")))
          .metadataDir(meta).targetDir(tmp).targetBaseUrl(server.url("/targets/"))
          .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
      long t1 = System.nanoTime();
      updater.refresh();
      long t2 = System.nanoTime();
      int found = 0;
      for (int i = 0; i < 1000; i++) {
        if (updater.getTargetInfo(BenchmarkRepositories.targetPath(i * 10)).isPresent()) {
          found++;
        }
      }
      long t3 = System.nanoTime();
      long peak = peakHeap();
      long metaBytes;
      try (var files = Files.list(meta)) {
        metaBytes = files.mapToLong(p -> p.toFile().length()).sum();
      }
      System.out.printf(
          "BENCHMARK %s: generate+sign %.0f ms | cold refresh %.1f ms | 1000 lookups %.1f ms (%d found, %d requests)"
              + " | heap before %d MB, peak %d MB | metadata on disk %d KB%n",
          name, generated, (t2 - t1) / 1e6, (t3 - t2) / 1e6, found, server.requests.size(),
          heapBefore >> 20, peak >> 20, metaBytes >> 10);
      if (found != 1000) {
        throw new AssertionError("expected all 1000 targets, found " + found);
      }
    }
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static long usedHeap() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
