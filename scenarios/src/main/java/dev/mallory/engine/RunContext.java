package dev.mallory.engine;

import dev.mallory.report.Evidence;
import dev.mallory.report.ScenarioResult;
import dev.mallory.sut.Capability;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import dev.mallory.sut.ClientUnderTest;
import dev.mallory.sut.backend.RepositoryBackend;
import dev.mallory.sut.server.ServerUnderTest;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What one Cucumber run needs from outside the scenario: which client to attack, where to keep
 * scenario files, and where scenarios leave their evidence for the result collector. Cucumber
 * creates glue and plugins itself, so this is the one hand-off point; it holds no scenario state
 * (that lives in the per-scenario, picocontainer-injected world).
 */
public final class RunContext {
  private static volatile RunContext current;

  private final String systemName;
  private final Set<Capability> capabilities;
  private final Supplier<ClientUnderTest> clients;
  private final Supplier<ServerUnderTest> servers;
  private final RepositoryBackend backend;
  private final Path workRoot;
  private final ExpectedToFail expectedToFail;
  private final Consumer<ScenarioResult> sink;
  private final Map<String, Evidence> evidence = new ConcurrentHashMap<>();

  /** Whether the system's expected-failures file lists a scenario (by id, feature or tag). */
  @FunctionalInterface
  public interface ExpectedToFail {
    boolean test(String scenarioId, String feature, List<String> tags);

    ExpectedToFail NONE = (id, feature, tags) -> false;
  }

  public RunContext(
      String systemName,
      Set<Capability> capabilities,
      Supplier<ClientUnderTest> clients,
      Path workRoot,
      ExpectedToFail expectedToFail,
      Consumer<ScenarioResult> sink) {
    this(systemName, capabilities, clients, null, workRoot, expectedToFail, sink);
  }

  public RunContext(
      String systemName,
      Set<Capability> capabilities,
      Supplier<ClientUnderTest> clients,
      Supplier<ServerUnderTest> servers,
      Path workRoot,
      ExpectedToFail expectedToFail,
      Consumer<ScenarioResult> sink) {
    this(systemName, capabilities, clients, servers, RepositoryBackend.reference(), workRoot, expectedToFail, sink);
  }

  /**
   * @param servers for a server system: a fresh, not yet started server under test per scenario
   *     ({@link #newServer()}); null for client systems
   * @param backend where the client scenarios' repositories are served from
   */
  public RunContext(
      String systemName,
      Set<Capability> capabilities,
      Supplier<ClientUnderTest> clients,
      Supplier<ServerUnderTest> servers,
      RepositoryBackend backend,
      Path workRoot,
      ExpectedToFail expectedToFail,
      Consumer<ScenarioResult> sink) {
    this.backend = Objects.requireNonNull(backend);
    this.systemName = Objects.requireNonNull(systemName);
    this.capabilities = Set.copyOf(capabilities);
    this.clients = Objects.requireNonNull(clients);
    this.servers = servers;
    this.workRoot = Objects.requireNonNull(workRoot);
    this.expectedToFail = Objects.requireNonNull(expectedToFail);
    this.sink = Objects.requireNonNull(sink);
  }

  ExpectedToFail expectedToFail() {
    return expectedToFail;
  }

  void deliver(ScenarioResult result) {
    sink.accept(result);
  }

  public static RunContext current() {
    RunContext context = current;
    if (context == null) {
      throw new IllegalStateException("no Mallory run is active: start scenarios through MalloryRun");
    }
    return context;
  }

  static void activate(RunContext context) {
    current = context;
  }

  public String systemName() {
    return systemName;
  }

  /** What the system under test supports: a scenario needing more is NOT_APPLICABLE. */
  public Set<Capability> capabilities() {
    return capabilities;
  }

  /** A fresh client under test for one scenario. */
  public ClientUnderTest newClient() {
    return clients.get();
  }

  /** True when the system under test is a Notary-compatible server (the server-validation scenarios). */
  public boolean hasServer() {
    return servers != null;
  }

  /** A fresh server under test for one scenario, not yet started. */
  public ServerUnderTest newServer() {
    if (servers == null) {
      throw new NotApplicableException(systemName + " is a client: server-validation scenarios need --server");
    }
    return servers.get();
  }

  /** Where the client scenarios' repositories are served from (the embedded reference server by default). */
  public RepositoryBackend backend() {
    return backend;
  }

  public Path workRoot() {
    return workRoot;
  }

  /** Called by the world after each scenario, keyed by Cucumber's test case id. */
  public void recordEvidence(String testCaseId, Evidence scenarioEvidence) {
    evidence.put(testCaseId, scenarioEvidence);
  }

  Evidence evidenceFor(String testCaseId) {
    return evidence.getOrDefault(testCaseId, Evidence.none());
  }
}
