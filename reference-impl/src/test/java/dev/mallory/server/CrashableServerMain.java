package dev.mallory.server;

import dev.mallory.dialect.Dialect;
import dev.mallory.repo.Repository;
import dev.mallory.repo.signing.LocalSigningService;
import dev.mallory.repo.store.AtomicFiles;
import dev.mallory.repo.store.MetadataStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;

/**
 * A reference server in its own JVM, for the crash test: {@code <dataDir> <portFile> publish|serve}.
 * In {@code publish} mode it also publishes new targets as fast as it can, so a SIGKILL lands
 * mid-publish; {@code serve} only serves what is on disk.
 */
public final class CrashableServerMain {
  private CrashableServerMain() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    MetadataStore store = MetadataStore.open(data.resolve("store"));
    LocalSigningService signer = LocalSigningService.open(data.resolve("keys"));
    Repository repo = args[2].equals("publish")
        ? Repository.builder(Dialect.TUF_1_0).store(store).signingService(signer).consistentSnapshot(true).create()
        : null;
    MalloryServer server = MalloryServer.start(ServerConfig.defaults(), store, signer, Clock.systemUTC());
    AtomicFiles.write(Path.of(args[1]), Integer.toString(server.port()).getBytes(StandardCharsets.US_ASCII));
    if (repo == null) {
      Thread.currentThread().join();
    }
    Random random = new Random();
    for (int i = 0; ; i++) {
      byte[] content = new byte[32 * 1024];
      random.nextBytes(content);
      repo.addTarget("file-" + i + ".bin", content);
      if (i % 7 == 0) {
        repo.delegate("targets", "d" + i, dev.mallory.repo.Delegation.paths("d" + i + "/*"));
      }
      repo.publish();
    }
  }
}
