package dev.mallory.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallory.dialect.Dialect;
import dev.mallory.registry.image.Image;
import dev.mallory.registry.image.Layer;
import dev.mallory.registry.pull.PullResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What verification costs: a 200 MB image (4 layers of 50 x 1 MB pseudo-random files, seeded,
 * incompressible) pulled through ContentTrustPull from the reference registry over loopback HTTP
 * (tag resolved through TUF, manifest and every layer hashed, gunzip, safe untar to disk), next to
 * plain SHA-256 (MessageDigest) over the same bytes in memory on the same machine.
 *
 * <p>Run: {@code mvn -pl reference-impl test -Dgroups=benchmark -Dtest=PullBenchmark}
 */
@Tag("benchmark")
class PullBenchmark {
  private static final int LAYERS = 4;
  private static final int FILES_PER_LAYER = 50;
  private static final int FILE_BYTES = 1 << 20;
  private static final int RUNS = 3;
  @TempDir Path tmp;

  @Test
  void pullThroughputNextToSha256() throws IOException {
    long t0 = System.nanoTime();
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < LAYERS; i++) {
      layers.add(Layer.random(42 + i, "layer" + i, FILES_PER_LAYER, FILE_BYTES));
    }
    Image image = Image.of(layers);
    double mb = image.layerBytes() / 1e6;
    try (ReferenceSetup setup = new ReferenceSetup(Dialect.TUF_1_0, tmp.resolve("state"))) {
      long t1 = System.nanoTime();
      setup.publish("big", image);
      System.out.printf(Locale.ROOT, "setup: build %.1f s, push + sign %.1f s%n", (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
      double bestFetch = Double.MAX_VALUE;
      for (int run = 0; run < RUNS; run++) {
        long start = System.nanoTime();
        for (Layer l : layers) {
          MessageDigest sha = Digest.sha256();
          setup.client.getBlob(ReferenceSetup.NAME, l.digest(), l.bytes().length, (b, o, n) -> sha.update(b, o, n));
          assertThat(Digest.of(sha)).isEqualTo(l.digest());
        }
        bestFetch = Math.min(bestFetch, (System.nanoTime() - start) / 1e9);
      }
      double bestPull = Double.MAX_VALUE;
      for (int run = 0; run < RUNS; run++) {
        Path root = tmp.resolve("pull-" + run);
        long start = System.nanoTime();
        PullResult result = setup.pull().pull("big", root);
        bestPull = Math.min(bestPull, (System.nanoTime() - start) / 1e9);
        assertThat(result.unpackedBytes()).isGreaterThan((long) LAYERS * FILES_PER_LAYER * FILE_BYTES);
        assertThat(Files.size(root.resolve("layer3/blob-49.bin"))).isEqualTo(FILE_BYTES);
        delete(root);
      }
      double bestSha = Double.MAX_VALUE;
      double bestGunzip = Double.MAX_VALUE;
      for (int run = 0; run < RUNS; run++) {
        long start = System.nanoTime();
        MessageDigest sha = Digest.sha256();
        for (Layer l : layers) {
          sha.update(l.bytes());
        }
        sha.digest();
        bestSha = Math.min(bestSha, (System.nanoTime() - start) / 1e9);
        start = System.nanoTime();
        for (Layer l : layers) {
          try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(l.bytes()), 64 * 1024)) {
            in.transferTo(OutputStream.nullOutputStream());
          }
        }
        bestGunzip = Math.min(bestGunzip, (System.nanoTime() - start) / 1e9);
      }
      String report = String.format(Locale.ROOT,
          "image %.1f MB compressed in %d layers (best of %d runs)%n"
              + "  ContentTrustPull (HTTP + verify + gunzip + untar to disk): %.2f s = %.1f MB/s%n"
              + "  HTTP fetch + SHA-256 of every layer, no unpacking:          %.2f s = %.1f MB/s%n"
              + "  plain SHA-256 (MessageDigest, in memory):                  %.3f s = %.1f MB/s%n"
              + "  gunzip only (in memory, for context):                      %.3f s = %.1f MB/s%n"
              + "  ratio pull / SHA-256 throughput: %.3f (pull takes %.1fx the time of hashing)%n",
          mb, LAYERS, RUNS, bestPull, mb / bestPull, bestFetch, mb / bestFetch, bestSha, mb / bestSha, bestGunzip, mb / bestGunzip,
          (mb / bestPull) / (mb / bestSha), bestPull / bestSha);
      System.out.print(report);
      Files.writeString(Path.of("target", "pull-benchmark.txt"), report);
    }
  }

  private static void delete(Path p) throws IOException {
    if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try (var children = Files.list(p)) {
        for (Path c : children.toList()) {
          delete(c);
        }
      }
    }
    Files.deleteIfExists(p);
  }
}
