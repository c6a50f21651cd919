package dev.mallory.steps.world;

import dev.mallory.dialect.Dialect;
import dev.mallory.engine.RunContext;
import dev.mallory.external.LoopbackHttp;
import dev.mallory.journal.JournalEntry;
import dev.mallory.sut.Capability;
import dev.mallory.steps.attack.ScenarioAttacker;
import dev.mallory.sut.ClientUnderTest;
import dev.mallory.sut.MovableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The state of one scenario, shared by the step classes through picocontainer (one instance per
 * scenario, never static): the honest repository, the attacker, the client in its sandbox, and
 * the findings of the outcome steps. Everything lives under a directory of its own in
 * {@link RunContext#workRoot()}, and every server listens on a free port, so scenarios run in
 * parallel.
 */
public final class ScenarioWorld implements AutoCloseable {
  private Path dir;
  private String scenarioName = "";
  private List<String> tags = List.of();
  private ClientUnderTest client;
  private ScenarioRepository repository;
  private ScenarioAttacker attacker;
  private ClientSession session;
  private final Findings findings = new Findings();
  private final AttackLog attacks = new AttackLog();
  private final List<String> notes = new ArrayList<>();
  /** The scenario's time, shared by its repository and its client; "time passes" moves it. */
  private final MovableClock clock = new MovableClock(Clock.systemUTC());

  /** Called by the Before hook: a directory and a fresh client for this scenario. */
  public void begin(String name, List<String> scenarioTags, ClientUnderTest newClient) {
    this.scenarioName = name;
    this.tags = List.copyOf(scenarioTags);
    this.client = newClient;
    try {
      this.dir = Files.createDirectories(RunContext.current().workRoot().resolve("s-" + UUID.randomUUID()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String scenarioName() {
    return scenarioName;
  }

  public List<String> tags() {
    return tags;
  }

  public Path dir() {
    return dir;
  }

  public ClientUnderTest client() {
    if (client == null) {
      throw new IllegalStateException("no client under test: scenarios run through MalloryRun");
    }
    return client;
  }

  // ---- time -----------------------------------------------------------------------------------

  /** The scenario's clock: the real time, moved forward by every "time passes" of a virtual-time scenario. */
  public MovableClock clock() {
    return clock;
  }

  /**
   * Whether time can pass without waiting: the client takes its time from Mallory
   * ({@link Capability#REFERENCE_TIME}) and Mallory signs every role of the repository, so moving
   * the scenario's clock moves everyone's. A server that signs a role itself (notary-server's
   * timestamps) keeps the real time, and so does the scenario then.
   */
  public boolean virtualTime() {
    return client().capabilities().contains(Capability.REFERENCE_TIME)
        && (repository == null || repository.hosting().signedByServer().isEmpty());
  }

  // ---- repository -----------------------------------------------------------------------------

  /** {@code a repository} / {@code a repository published N days ago}. */
  public ScenarioRepository createRepository(Duration signedAgo) {
    if (repository != null) {
      throw new IllegalStateException("the scenario already has a repository");
    }
    RunContext run = RunContext.current();
    Dialect dialect = dialect();
    repository = new ScenarioRepository(run.backend().host(dialect, run.workRoot()), dialect, signedAgo, attacks::servedVersions,
        clock);
    if (!run.backend().id().equals(dev.mallory.sut.backend.RepositoryBackend.REFERENCE)) {
      note("repository " + repository.name() + " served by " + repository.hosting().describe());
    }
    attacker = new ScenarioAttacker(repository, attacks);
    return repository;
  }

  /**
   * The dialect of the scenario's repository: TUF 1.0 for clients of that layout, Notary for
   * Notary-API clients (features/README.md: "dialect").
   */
  public Dialect dialect() {
    java.util.Set<Capability> capabilities = client().capabilities();
    if (!capabilities.contains(Capability.TUF_LAYOUT) && capabilities.contains(Capability.NOTARY_API)) {
      return Dialect.NOTARY;
    }
    return Dialect.TUF_1_0;
  }

  /**
   * The dialect's name of a role the feature names: delegated roles are renamed in the Notary
   * dialect ({@link RoleNames}); before the repository exists every name is its own.
   */
  public String roleName(String featureName) {
    return repository == null ? featureName : repository.names().name(featureName);
  }

  /** Why the scenario cannot be judged, if the server hosting its repository failed under it. */
  public java.util.Optional<String> environmentFault() {
    return repository == null ? java.util.Optional.empty() : repository.hosting().fault();
  }

  public ScenarioRepository repository() {
    if (repository == null) {
      throw new IllegalStateException("no repository yet: a scenario starts with 'Given a repository'");
    }
    return repository;
  }

  /** The repository with version 1 published: every step that is not setup or config calls this. */
  public ScenarioRepository published() {
    ScenarioRepository r = repository();
    r.history().ensurePublished();
    return r;
  }

  // ---- attacker -------------------------------------------------------------------------------

  public AttackLog attacks() {
    return attacks;
  }

  /** The attacker between the client and the repository (version 1 is published by then). */
  public ScenarioAttacker attacker() {
    published();
    return attacker;
  }

  /** The base URL the client is pointed at: the attacker's proxy, never the repository. */
  public URI clientBaseUrl() {
    repository();
    return attacker.url();
  }

  /** {@code the attack stops}: every attack behaviour is removed; stolen keys stay stolen. */
  public void stopAttacks() {
    attacks.step("the attack stops");
    if (attacker != null) {
      attacker.stop();
    }
  }

  // ---- client ---------------------------------------------------------------------------------

  /** How the client obtains its first root (features/README.md, "Client"). */
  public enum Initialisation {
    /** The repository's root version 1, handed over out of band (the default). */
    OUT_OF_BAND,
    /** Over the network, through the proxy: by the client itself, or by the engine for it. */
    TRUST_ON_FIRST_USE,
    /** As trust on first use, with the client pinned to the repository's genuine root keys. */
    TRUST_ON_FIRST_USE_PINNED
  }

  private Initialisation initialisation = Initialisation.OUT_OF_BAND;

  /** Chooses how the client is initialised; only before its first action. */
  public void initialiseBy(Initialisation how) {
    if (session != null && session.last().isPresent()) {
      throw new IllegalStateException("the client is initialised before its first action: '" + how + "' comes too late");
    }
    if (session != null && how != initialisation) {
      throw new IllegalStateException("the client's initialisation was already chosen: " + initialisation);
    }
    initialisation = how;
  }

  public Initialisation initialisation() {
    return initialisation;
  }

  /** The client in its sandbox; created (not yet initialised) at its first use. */
  public ClientSession session() {
    if (session == null) {
      ScenarioRepository r = published();
      byte[] genuine = r.served().version("root", 1).orElseThrow().bytes();
      ClientSession.RootSource source = switch (initialisation) {
        case OUT_OF_BAND, TRUST_ON_FIRST_USE_PINNED -> () -> genuine; // pinned: the keys come from the genuine root
        case TRUST_ON_FIRST_USE -> this::fetchFirstRoot;
      };
      String gun = r.dialect() == Dialect.NOTARY ? r.name() : null;
      session = new ClientSession(client(), dir.resolve("sandbox"), source, clientBaseUrl(), gun, clock);
    }
    return session;
  }

  /**
   * Trust on first use for a client that cannot do it itself: the root a user following a
   * "download root.json" guide would get, through the proxy ({@code 1.root.json}, or Notary's
   * {@code root.json}). Clients that fetch their first root themselves ignore it.
   */
  private byte[] fetchFirstRoot() {
    URI base = clientBaseUrl();
    URI uri = repository().dialect() == Dialect.NOTARY
        ? base.resolve("/v2/" + repository().name() + "/_trust/tuf/root.json")
        : base.resolve("/metadata/1.root.json");
    try {
      LoopbackHttp.Response response = LoopbackHttp.get(uri, 512_000 + 1);
      if (response.status() != 200) {
        throw new ClientSession.RootUnavailable(uri + " answered HTTP " + response.status());
      }
      note("trust on first use: the root fetched through the proxy from " + uri + " (" + response.body().length + " bytes)");
      return response.body();
    } catch (java.io.UncheckedIOException | IllegalArgumentException e) {
      throw new ClientSession.RootUnavailable(uri + ": " + e.getMessage());
    }
  }

  // ---- the proxy journal ----------------------------------------------------------------------

  /** Every exchange the proxy saw in this scenario, oldest first; empty before the attacker exists. */
  public List<JournalEntry> journal() {
    return attacker == null ? List.of() : attacker.proxy().journal().entries();
  }

  /** The exchanges that arrived while the action ran. */
  public List<JournalEntry> journalDuring(ClientAction action) {
    return journal().stream()
        .filter(e -> !e.at().isBefore(action.started()) && !e.at().isAfter(action.finished()))
        .toList();
  }

  public Optional<ClientSession> existingSession() {
    return Optional.ofNullable(session);
  }

  // ---- findings -------------------------------------------------------------------------------

  public Findings findings() {
    return findings;
  }

  public synchronized void note(String note) {
    notes.add(note);
  }

  public synchronized List<String> notes() {
    return List.copyOf(notes);
  }

  @Override
  public void close() {
    try {
      if (session != null) {
        session.close();
      } else if (client != null) {
        client.close();
      }
    } finally {
      try {
        if (attacker != null) {
          attacker.close();
        }
      } finally {
        if (repository != null) {
          repository.close();
        }
      }
    }
  }
}
