package dev.mallory.client;

import dev.mallory.dialect.Dialect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Repositories for client benchmarks, reusable by other clients' comparisons (tuf-js,
 * sigstore-java): build one, then {@link TestRepository#writeTo(Path)} and serve the directory
 * ({@code metadata/}, {@code targets/}; consistent snapshots; root v1 is {@code metadata/1.root.json}).
 */
public final class BenchmarkRepositories {
  private BenchmarkRepositories() {}

  public static String targetPath(int i) {
    return "pkg/target-" + String.format("%05d", i) + ".bin";
  }

  /** {@code targets} targets spread over {@code 2^bitLength} succinct hash bins (TAP 15). */
  public static TestRepository succinct(Instant now, int targets, int bitLength) {
    TestRepository repo = new TestRepository(Dialect.TUF_1_0, now);
    repo.addSuccinctDelegation("targets", bitLength, "bin");
    var bins = repo.role("targets").succinct;
    for (int i = 0; i < targets; i++) {
      String path = targetPath(i);
      repo.addTarget(bins.roleNameForTarget(path), path, content(i));
    }
    repo.publish();
    return repo;
  }

  /** {@code targets} targets all listed by top-level targets. */
  public static TestRepository topLevelOnly(Instant now, int targets) {
    TestRepository repo = new TestRepository(Dialect.TUF_1_0, now);
    for (int i = 0; i < targets; i++) {
      repo.addTarget("targets", targetPath(i), content(i));
    }
    repo.publish();
    return repo;
  }

  static byte[] content(int i) {
    return ("artifact " + i + "\n").getBytes(StandardCharsets.UTF_8);
  }
}
