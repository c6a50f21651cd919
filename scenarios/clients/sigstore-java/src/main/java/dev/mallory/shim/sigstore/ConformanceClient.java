package dev.mallory.shim.sigstore;

import dev.sigstore.tuf.FileSystemTufStore;
import dev.sigstore.tuf.HttpFetcher;
import dev.sigstore.tuf.MetaFetcher;
import dev.sigstore.tuf.PassthroughCacheMetaStore;
import dev.sigstore.tuf.RootProvider;
import dev.sigstore.tuf.TrustedMetaStore;
import dev.sigstore.tuf.Updater;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;

/**
 * One invocation of the conformance CLI, run in the current JVM. Used both by the one-shot
 * {@link Main} and by {@link ShimServer}, so it takes its environment as arguments (FAKETIME,
 * working directory, where stderr goes) instead of reading process globals.
 */
final class ConformanceClient {
  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;

  private ConformanceClient() {}

  /**
   * @param faketime the FAKETIME environment value of the caller, or null
   * @param cwd the caller's working directory: relative paths are resolved against it, since the
   *     long-lived server cannot change its own
   */
  static int run(List<String> argv, String faketime, Path cwd, PrintStream err) {
    CliArgs args;
    Clock clock;
    try {
      args = CliArgs.parse(argv);
      clock = ReferenceTime.clock(args.referenceTime(), faketime, Clock.systemUTC());
    } catch (UsageException e) {
      err.println(ErrorLine.of(e));
      return EXIT_USAGE;
    }
    try {
      Path metadataDir = cwd.resolve(args.metadataDir());
      switch (args.command()) {
        case INIT -> init(metadataDir, cwd.resolve(args.trustedRoot()));
        case REFRESH -> updater(metadataDir, metadataDir, args.metadataUrl(), null, clock).updateMeta();
        case DOWNLOAD -> {
          Path targetDir = cwd.resolve(args.targetDir());
          Files.createDirectories(targetDir);
          Updater updater =
              updater(metadataDir, targetDir, args.metadataUrl(), args.targetBaseUrl(), clock);
          updater.updateMeta();
          // Same Updater for every name, in order, stopping at the first failure (CLIENT-CLI.md).
          for (String name : args.targetNames()) {
            updater.downloadTarget(name);
          }
        }
      }
      return EXIT_OK;
    } catch (Exception | Error e) {
      // Error too: an attack that exhausts memory or the stack must still end as "blocked, exit 1"
      // with a reason, not as a JVM crash the harness cannot read.
      err.println(ErrorLine.of(e));
      return EXIT_FAILED;
    }
  }

  /** init: trust the given root by copying it; no validation and no network (CLIENT-CLI.md). */
  private static void init(Path metadataDir, Path trustedRoot) throws java.io.IOException {
    Files.createDirectories(metadataDir);
    Files.copy(trustedRoot, metadataDir.resolve("root.json"), StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * sigstore-java's Updater wired for a file-system client: trusted metadata as unversioned
   * ROLE.json in the metadata dir (read back through an in-memory cache), root bootstrapped from
   * DIR/root.json, targets stored in the target dir. For refresh there is no target dir and no
   * target URL: refresh never downloads a target, so the metadata dir stands in as the (unused)
   * target store and there is no target fetcher.
   */
  private static Updater updater(
      Path metadataDir, Path targetDir, String metadataUrl, String targetUrl, Clock clock)
      throws java.io.IOException {
    FileSystemTufStore store = FileSystemTufStore.newFileSystemStore(metadataDir, targetDir);
    return Updater.builder()
        .setClock(clock)
        .setTrustedMetaStore(TrustedMetaStore.newTrustedMetaStore(
            PassthroughCacheMetaStore.newPassthroughMetaCache(store)))
        .setTrustedRootPath(RootProvider.fromFile(metadataDir.resolve("root.json")))
        .setMetaFetcher(MetaFetcher.newFetcher(HttpFetcher.newFetcher(URI.create(metadataUrl))))
        .setTargetFetcher(targetUrl == null ? null : HttpFetcher.newFetcher(URI.create(targetUrl)))
        .setTargetStore(store)
        .build();
  }
}
