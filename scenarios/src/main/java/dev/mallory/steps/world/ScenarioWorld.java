package dev.mallory.steps.world;

import dev.mallory.engine.RunContext;
import dev.mallory.steps.attack.ScenarioAttacker;
import dev.mallory.sut.ClientUnderTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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

  // ---- repository -----------------------------------------------------------------------------

  /** {@code a repository} / {@code a repository published N days ago}. */
  public ScenarioRepository createRepository(Duration signedAgo) {
    if (repository != null) {
      throw new IllegalStateException("the scenario already has a repository");
    }
    repository = new ScenarioRepository(signedAgo, attacks::servedVersions);
    attacker = new ScenarioAttacker(repository, attacks);
    return repository;
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
    r.ensurePublished();
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

  /** The client in its sandbox; created (not yet initialised) at its first use. */
  public ClientSession session() {
    if (session == null) {
      ScenarioRepository r = published();
      byte[] root = r.version("root", 1).orElseThrow().bytes();
      session = new ClientSession(client(), dir.resolve("sandbox"), root, clientBaseUrl());
    }
    return session;
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
