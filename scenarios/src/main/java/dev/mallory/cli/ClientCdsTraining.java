package dev.mallory.cli;

import dev.mallory.dialect.Dialect;
import dev.mallory.external.LoopbackHttp;
import dev.mallory.repo.Repository;
import dev.mallory.repo.signing.LocalSigningService;
import dev.mallory.repo.store.MetadataStore;
import dev.mallory.server.MalloryServer;
import dev.mallory.server.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The workload {@link ClientCds} archives: the protocol calls a harness makes of a one-shot
 * {@code mallory client} (init, refresh, download, a refused download), in both dialects, against
 * an in-process reference server holding the {@code serve --demo} repository, a repository with
 * succinct hash bins and a Notary repository. Exits 0 only if every call gave the expected exit
 * code, so a broken client never leaves a plausible archive behind.
 *
 * <p>usage: {@code ClientCdsTraining WORK_DIR}
 */
public final class ClientCdsTraining {
  private static final String BINS = "bins";
  private static final String GUN = "example.com/mallory/training";

  private ClientCdsTraining() {}

  public static void main(String[] args) throws IOException {
    Path work = Path.of(args[0]);
    MetadataStore store = MetadataStore.inMemory();
    LocalSigningService signer = LocalSigningService.inMemory();
    ServeCommand.createDemo(store, signer);
    Repository bins = Repository.builder(Dialect.TUF_1_0).name(BINS).store(store).signingService(signer)
        .consistentSnapshot(true).create();
    bins.delegateHashBins("targets", 4, "bin", 1, 1);
    for (int i = 0; i < 32; i++) {
      String path = "pkg/artifact-" + i + ".bin";
      bins.addTarget(bins.roleFor("targets", path).orElseThrow(), path, ("artifact " + i + "\n").getBytes(StandardCharsets.UTF_8));
    }
    bins.publish();
    Repository notary = Repository.builder(Dialect.NOTARY).name(GUN).store(store).signingService(signer).create();
    notary.addTarget("v1", "notary training target\n".getBytes(StandardCharsets.UTF_8));
    notary.publish();

    List<String> failures = new ArrayList<>();
    ServerConfig config = ServerConfig.defaults().withHost("127.0.0.1").withPort(0);
    try (MalloryServer server = MalloryServer.start(config, store, signer, Clock.systemUTC())) {
      tuf(work.resolve("demo"), server.tufUrl("default"), List.of("hello.txt", "releases/app-1.0.tgz"), failures);
      tuf(work.resolve("bins"), server.tufUrl(BINS), List.of("pkg/artifact-1.bin", "pkg/artifact-7.bin"), failures);
      Path md = work.resolve("notary/metadata");
      expect(0, failures, "client", "--metadata-dir", md.toString(), "--dialect", "notary", "init");
      expect(0, failures, "client", "--metadata-dir", md.toString(), "--dialect", "notary", "--server",
          server.url().toString(), "--gun", GUN, "refresh");
    }
    if (!failures.isEmpty()) {
      System.err.println("training calls failed: " + failures);
      System.exit(1);
    }
    System.exit(0);
  }

  private static void tuf(Path dir, URI repo, List<String> targets, List<String> failures) throws IOException {
    Path root = Files.createDirectories(dir).resolve("1.root.json");
    Files.write(root, LoopbackHttp.get(URI.create(repo + "/metadata/1.root.json"), 1 << 20).body());
    String md = dir.resolve("metadata").toString();
    String meta = repo + "/metadata/";
    String base = repo + "/targets/";
    expect(0, failures, "client", "--metadata-dir", md, "init", root.toString());
    expect(0, failures, "client", "--metadata-url", meta, "--metadata-dir", md, "refresh");
    List<String> download = new ArrayList<>(List.of("client", "--metadata-url", meta, "--metadata-dir", md));
    for (String target : targets) {
      download.addAll(List.of("--target-name", target));
    }
    download.addAll(List.of("--target-dir", dir.resolve("targets").toString(), "--target-base-url", base, "download"));
    expect(0, failures, download.toArray(String[]::new));
    expect(1, failures, "client", "--metadata-url", meta, "--metadata-dir", md, "--target-name", "missing.txt",
        "--target-dir", dir.resolve("targets").toString(), "--target-base-url", base, "download");
  }

  private static void expect(int code, List<String> failures, String... args) {
    int actual = Mallory.execute(args);
    if (actual != code) {
      failures.add(String.join(" ", args) + " -> " + actual + " (expected " + code + ")");
    }
  }
}
