package dev.mallory.cli;

import dev.mallory.dialect.Dialect;
import dev.mallory.repo.Delegation;
import dev.mallory.repo.Repository;
import dev.mallory.repo.signing.LocalSigningService;
import dev.mallory.repo.store.MetadataStore;
import dev.mallory.server.MalloryServer;
import dev.mallory.server.PushAuth;
import dev.mallory.server.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mallory serve}: the reference TUF/Notary server until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the reference repository server (TUF layout and Notary API) until Ctrl-C.")
public final class ServeCommand implements Callable<Integer> {
  @Option(names = "--address", defaultValue = "127.0.0.1", description = "Address to bind (default ${DEFAULT-VALUE}).")
  String address;

  @Option(names = "--port", defaultValue = "0", description = "Port; 0 picks a free one (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--data-dir", description = "Directory for metadata, targets and online keys; in memory if absent.")
  Path dataDir;

  @Option(names = "--demo", description = "Create a TUF repository 'default' with a few targets and a delegation.")
  boolean demo;

  @Option(names = "--push-token", description = "Require 'Authorization: Bearer <token>' for every push (any repository).")
  String pushToken;

  @Option(names = "--no-refresh", description = "Do not re-sign timestamps that are about to expire.")
  boolean noRefresh;

  @Override
  public Integer call() throws Exception {
    MetadataStore store = dataDir == null ? MetadataStore.inMemory() : MetadataStore.open(dataDir.resolve("store"));
    LocalSigningService signer = dataDir == null ? LocalSigningService.inMemory() : LocalSigningService.open(dataDir.resolve("keys"));
    if (demo && store.current("default", "root").isEmpty()) {
      createDemo(store, signer);
    }
    ServerConfig config = ServerConfig.defaults().withHost(address).withPort(port).withRefreshTimestamps(!noRefresh);
    if (pushToken != null) {
      config = config.withAuth(new PushAuth(List.of(new PushAuth.Grant(new PushAuth.BearerToken(pushToken), List.of("*")))));
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (MalloryServer server = MalloryServer.start(config, store, signer, Clock.systemUTC())) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        server.close();
        stopped.countDown();
      }));
      System.out.println("Mallory reference server on " + server.url());
      System.out.println("  Notary API:  " + server.url() + "/v2/<gun>/_trust/tuf/   (notary -s " + server.url() + " ...)");
      System.out.println("  TUF (default repository): " + server.url() + "/metadata/1.root.json  and  /targets/");
      for (String repo : store.repositories()) {
        System.out.println("  repository " + repo + ": " + server.tufUrl(repo) + "/metadata/  |  " + server.url() + "/v2/" + repo + "/_trust/tuf/");
      }
      System.out.println("Ctrl-C to stop.");
      stopped.await();
    }
    return Mallory.OK;
  }

  static void createDemo(MetadataStore store, LocalSigningService signer) {
    Repository repo = Repository.builder(Dialect.TUF_1_0).name("default").store(store).signingService(signer)
        .consistentSnapshot(true).create();
    repo.addTarget("hello.txt", "Hello from Mallory\n".getBytes(StandardCharsets.UTF_8));
    repo.addTarget("docs/readme.txt", "A demo repository\n".getBytes(StandardCharsets.UTF_8));
    repo.delegate("targets", "releases", Delegation.paths("releases/*"));
    repo.addTarget("releases", "releases/app-1.0.tgz", "app 1.0\n".getBytes(StandardCharsets.UTF_8));
    repo.publish();
  }
}
