package dev.mallory.sut;

import dev.mallory.sut.naive.NaiveClient;
import dev.mallory.sut.naive.NaiveCli;
import dev.mallory.sut.naive.NaiveKind;
import dev.mallory.sut.backend.RepositoryBackend;
import dev.mallory.sut.notary.NotaryCliClient;
import dev.mallory.sut.notary.NotaryMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a system-under-test spec (the {@code --client} of {@code mallory run}) into a
 * {@link ClientFactory}:
 *
 * <ul>
 *   <li>{@code reference} — the in-process reference client registered in {@link ClientsOptions}.
 *   <li>{@code tuf-js} — the tuf-js shim ({@code scenarios/clients/tuf-js/tuf-js-client}), with
 *       fetch retries off ({@code MALLORY_TUFJS_FETCH_RETRY=0}).
 *   <li>{@code sigstore-java} — the sigstore-java shim; one long-lived shim server per factory,
 *       started on the first client and stopped by pid when the factory is closed.
 *   <li>{@code cli:/path/to/client} — any conformance-CLI client; capabilities from
 *       {@code /path/to/client.capabilities} if present (see {@link ClientDescriptor}), else every
 *       TUF-layout capability; expected failures from {@code /path/to/client.xfails} if present.
 *   <li>{@code naive:signature-only}, {@code naive:unchecked-payload}, {@code naive:tofu} — the
 *       teaching clients, in-process.
 *   <li>{@code naive-cli:KIND} — the same teaching clients run as a conformance CLI
 *       ({@link NaiveCli} in a child JVM), to exercise them through {@link CliClient}.
 *   <li>{@code notary}, {@code notary:tofu}, {@code notary:no-tofu}, {@code notary:pinned},
 *       {@code notary:ca=/abs/ca.pem} — the real notary Go client against the Notary API
 *       ({@link dev.mallory.sut.notary.NotaryCliClient}; modes in {@link dev.mallory.sut.notary.NotaryMode}),
 *       optionally followed by {@code @BACKEND}: {@code @reference} (default, the embedded reference
 *       server) or {@code @notary-server} (the real notary-server, one per run; see
 *       {@link dev.mallory.sut.backend.RepositoryBackend}), e.g. {@code notary:tofu@notary-server}.
 *   <li>{@code pull:reference[@tuf|notary|real]}, {@code pull:naive[@...]} — image pull clients for
 *       {@code features/content_trust.feature} ({@link dev.mallory.sut.pull.PullSystem}): the
 *       reference Docker-Content-Trust pull or Docker 1.3's naive pull, against the reference
 *       registry with the reference server in the TUF layout (default) or Notary API, or the real
 *       docker-registry and notary-server. They run the {@code @content-trust} scenarios only.
 * </ul>
 */
public final class Clients {
  private Clients() {}

  public static ClientFactory fromSpec(String spec) {
    return fromSpec(spec, ClientsOptions.defaults());
  }

  /** @throws IllegalArgumentException for an unknown or incomplete spec, with the list of valid ones */
  public static ClientFactory fromSpec(String spec, ClientsOptions options) {
    String s = spec.strip();
    if (s.equals("reference")) {
      ReferenceClient reference = options.reference().orElseThrow(() -> new IllegalArgumentException(
          "client 'reference': no reference client is registered (ClientsOptions.withReference)"));
      Set<Capability> capabilities;
      try (ClientUnderTest probe = reference.newClient()) { // uninitialised: asking costs nothing
        capabilities = probe.capabilities();
      }
      return new SimpleFactory("reference", capabilities, reference::newClient, ExpectedFailures.none());
    }
    if (s.equals("tuf-js")) {
      return cli(ShippedClients.TUF_JS, List.of(ShippedClients.tufJsExecutable(options).toString()), ShippedClients.TUF_JS_ENV, options,
          ExpectedFailures.forExecutable(ShippedClients.tufJsExecutable(options)));
    }
    if (s.equals("sigstore-java")) {
      return new SigstoreFactory(options);
    }
    if (s.startsWith("cli:")) {
      Path executable = Path.of(s.substring("cli:".length())).toAbsolutePath().normalize();
      if (s.length() == "cli:".length()) {
        throw new IllegalArgumentException("client 'cli:' needs a path: cli:/path/to/client");
      }
      return cli(ClientDescriptor.forExecutable(executable), List.of(executable.toString()), Map.of(), options,
          ExpectedFailures.forExecutable(executable));
    }
    if (s.startsWith("naive:")) {
      NaiveKind kind = NaiveKind.of(s.substring("naive:".length()));
      return new SimpleFactory("naive:" + kind.id(), NaiveClient.CAPABILITIES, () -> new NaiveClient(kind), ExpectedFailures.none());
    }
    if (s.startsWith("naive-cli:")) {
      NaiveKind kind = NaiveKind.of(s.substring("naive-cli:".length()));
      return cli(new ClientDescriptor("naive-cli:" + kind.id(), NaiveClient.CAPABILITIES, java.util.Optional.empty()),
          naiveCommand(kind), Map.of(), options, ExpectedFailures.none());
    }
    if (dev.mallory.sut.pull.PullSystem.isPullSpec(s)) {
      return dev.mallory.sut.pull.PullClients.factory(s);
    }
    if (s.equals("notary") || s.startsWith("notary:") || s.startsWith("notary@")) {
      return notary(s, options);
    }
    throw new IllegalArgumentException("unknown client '" + spec + "'; known: reference, tuf-js, sigstore-java, cli:/path/to/client, "
        + "naive:signature-only, naive:unchecked-payload, naive:tofu, naive-cli:<same kinds>, "
        + "notary, notary:tofu, notary:no-tofu, notary:pinned, notary:ca=/path/ca.pem (each optionally @reference or "
        + "@notary-server), "
        + dev.mallory.sut.pull.PullSystem.usage());
  }

  /** {@code notary[:MODE][@BACKEND]}: the real notary client; its repositories on the backend named (default: reference). */
  private static ClientFactory notary(String spec, ClientsOptions options) {
    int at = spec.lastIndexOf('@');
    String client = at < 0 ? spec : spec.substring(0, at);
    String backendId = at < 0 ? RepositoryBackend.REFERENCE : spec.substring(at + 1);
    NotaryMode mode = NotaryMode.parse(client.equals("notary") ? "" : client.substring("notary:".length()));
    RepositoryBackend backend = RepositoryBackend.of(backendId);
    String name = (mode.id().isEmpty() ? "notary" : "notary:" + mode.id())
        + (backend.id().equals(RepositoryBackend.REFERENCE) ? "" : "@" + backend.id());
    Set<Capability> capabilities = new NotaryCliClient(mode, options.commandTimeout()).capabilities();
    return new NotaryFactory(name, capabilities, () -> new NotaryCliClient(mode, options.commandTimeout()), backend);
  }

  /** The notary client and the backend its scenario repositories are served from; closing it stops the backend's server. */
  record NotaryFactory(String name, Set<Capability> capabilities, java.util.function.Supplier<ClientUnderTest> supplier,
      RepositoryBackend backend) implements ClientFactory {
    @Override
    public ClientUnderTest newClient() {
      return supplier.get();
    }

    @Override
    public void close() {
      backend.close();
    }
  }

  /** The child-JVM command line of a naive client: this JVM's java and class path. */
  static List<String> naiveCommand(NaiveKind kind) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return List.of(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), NaiveCli.class.getName(), "--kind", kind.id());
  }

  private static ClientFactory cli(ClientDescriptor descriptor, List<String> command, Map<String, String> env, ClientsOptions options,
      ExpectedFailures xfails) {
    return new SimpleFactory(descriptor.name(), descriptor.capabilities(),
        () -> new CliClient(descriptor, command, env, options.commandTimeout()), xfails);
  }

  /** A factory with nothing shared between its clients. */
  record SimpleFactory(String name, Set<Capability> capabilities, java.util.function.Supplier<ClientUnderTest> supplier,
      ExpectedFailures expectedFailures) implements ClientFactory {
    @Override
    public ClientUnderTest newClient() {
      return supplier.get();
    }
  }

  /** sigstore-java through one shared, warm shim server. */
  static final class SigstoreFactory implements ClientFactory {
    private final ClientsOptions options;
    private final Path executable;
    private SigstoreShimServer server;
    private String startFailure;
    private boolean closed;

    SigstoreFactory(ClientsOptions options) {
      this.options = options;
      this.executable = ShippedClients.sigstoreExecutable(options);
    }

    @Override
    public String name() {
      return ShippedClients.SIGSTORE_JAVA.name();
    }

    @Override
    public Set<Capability> capabilities() {
      return ShippedClients.SIGSTORE_JAVA.capabilities();
    }

    @Override
    public ExpectedFailures expectedFailures() {
      return ExpectedFailures.forExecutable(executable);
    }

    @Override
    public synchronized ClientUnderTest newClient() {
      if (closed) {
        throw new IllegalStateException("the sigstore-java factory is closed");
      }
      if (server == null && startFailure == null) {
        try {
          server = SigstoreShimServer.start(executable, options.logDir());
        } catch (RuntimeException e) {
          startFailure = "the sigstore-java shim server did not start: " + e.getMessage();
        }
      }
      if (startFailure != null) {
        return new UnavailableClient(name(), capabilities(), startFailure);
      }
      return new CliClient(ShippedClients.SIGSTORE_JAVA, List.of(executable.toString()),
          Map.of("MALLORY_SIGSTORE_SERVER", server.portFile().toString()), options.commandTimeout());
    }

    /** The shared server's pid, once started (for tests and evidence). */
    synchronized java.util.OptionalLong serverPid() {
      return server == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(server.pid());
    }

    @Override
    public synchronized void close() {
      closed = true;
      if (server != null) {
        server.close();
      }
    }
  }
}
