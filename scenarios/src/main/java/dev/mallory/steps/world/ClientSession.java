package dev.mallory.steps.world;

import dev.mallory.sut.ClientOutcome;
import dev.mallory.sut.ClientSetup;
import dev.mallory.sut.ClientUnderTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The client under test inside its sandbox (features/README.md, "The client"). The sandbox holds
 * {@code client/metadata} and {@code client/targets}, two levels below its root, so a path
 * escaping with {@code ../../} still lands where the engine looks. The client is initialised
 * before its first action with the root it is given; a failed initialisation counts as the client
 * refusing that action.
 */
public final class ClientSession implements AutoCloseable {
  /** Stored metadata and targets are read back at most this large. */
  static final int MAX_READ = 64 * 1024 * 1024;

  private final ClientUnderTest client;
  private final Path sandbox;
  private ClientSetup setup;
  private final RootSource rootSource;
  private final String gun;
  private boolean initialised;
  private ClientOutcome initFailure;
  private final List<ClientAction> actions = new ArrayList<>();

  /**
   * Where the root a client is initialised with comes from, asked once, just before the client's
   * first action (trust on first use fetches it through the proxy at that moment).
   */
  @FunctionalInterface
  public interface RootSource {
    /** The root bytes; a {@link RootUnavailable} when no root could be obtained (a refusal, not a fault). */
    byte[] root();
  }

  /** The engine, acting as the user of a client that cannot fetch its first root, could not get one. */
  public static final class RootUnavailable extends RuntimeException {
    public RootUnavailable(String message) {
      super(message);
    }
  }

  public ClientSession(ClientUnderTest client, Path sandbox, byte[] trustedRoot, URI base) {
    this(client, sandbox, () -> trustedRoot, base, null, Clock.systemUTC());
  }

  /**
   * @param base the attacker proxy's URL
   * @param gun the Notary GUN for a Notary-API client (its server is {@code base}), else null
   * @param clock the scenario's time, handed to the client (see {@link ClientSetup#clock()})
   */
  public ClientSession(ClientUnderTest client, Path sandbox, RootSource rootSource, URI base, String gun, Clock clock) {
    this.client = client;
    this.sandbox = sandbox;
    this.rootSource = rootSource;
    Path work = sandbox.resolve("client");
    this.setup = gun == null
        ? new ClientSetup(work, null, base.resolve("/metadata/"), base.resolve("/targets/"), null, null).withClock(clock)
        : new ClientSetup(work, null, null, base.resolve("/targets/"), base, gun).withClock(clock);
    this.gun = gun;
    try {
      Files.createDirectories(setup.metadataDir());
      Files.createDirectories(setup.targetDir());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Gives the client a second mirror at {@code base} (same layout as the first), tried after the
   * first; only before its first action.
   */
  public synchronized void addFallbackMirror(URI base) {
    if (initialised) {
      throw new IllegalStateException("mirrors are given to the client before its first action");
    }
    setup = setup.withFallbackMirror(gun == null
        ? new ClientSetup.Mirror(base.resolve("/metadata/"), base.resolve("/targets/"), null)
        : new ClientSetup.Mirror(null, base.resolve("/targets/"), base));
  }

  public ClientUnderTest client() {
    return client;
  }

  public Path sandbox() {
    return sandbox;
  }

  public ClientSetup setup() {
    return setup;
  }

  /** Runs an action (initialising the client first, once) and records it as the last action. */
  public synchronized ClientAction act(ClientAction.Kind kind, List<String> targets) {
    SandboxState before = SandboxState.of(sandbox);
    Instant started = Instant.now();
    ClientOutcome outcome;
    if (!initialised) {
      initialised = true;
      try {
        byte[] root = rootSource.root();
        setup = setup.withTrustedRoot(root);
        ClientOutcome init = client.init(setup);
        if (!(init instanceof ClientOutcome.Accepted)) {
          initFailure = init;
        }
      } catch (RootUnavailable e) {
        initFailure = new ClientOutcome.Refused(Optional.empty(), "no first root: " + e.getMessage(), java.time.Duration.ZERO);
      }
    }
    if (initFailure != null) {
      outcome = initFailure; // a root refused at init: the client refuses every action
    } else {
      outcome = kind == ClientAction.Kind.REFRESH ? client.refresh() : client.download(targets);
    }
    ClientAction action = new ClientAction(kind, targets, outcome, before, SandboxState.of(sandbox), started, Instant.now());
    actions.add(action);
    return action;
  }

  public synchronized Optional<ClientAction> last() {
    return actions.isEmpty() ? Optional.empty() : Optional.of(actions.get(actions.size() - 1));
  }

  public synchronized List<ClientAction> actions() {
    return List.copyOf(actions);
  }

  /** Where the client keeps the metadata it trusts: the notary client's cache, else {@code client/metadata}. */
  public Path metadataDir() {
    if (client instanceof dev.mallory.sut.notary.NotaryCliClient notary && notary.trustDir().isPresent()) {
      return notary.metadataDir();
    }
    return setup.metadataDir();
  }

  /** Directories the client may write to besides its target directory (metadata, the notary trust dir). */
  public List<Path> clientDirs() {
    List<Path> dirs = new ArrayList<>(List.of(setup.metadataDir()));
    if (client instanceof dev.mallory.sut.notary.NotaryCliClient notary) {
      notary.trustDir().ifPresent(dirs::add);
    }
    return dirs;
  }

  public Path targetDir() {
    return setup.targetDir();
  }

  /**
   * The client's stored copy of a role: unversioned {@code ROLE.json} in its metadata directory
   * (conformance protocol), the name percent-encoded for delegated roles.
   */
  public Optional<byte[]> storedMetadata(String role) {
    for (String name : encodings(role)) {
      Optional<byte[]> found = read(metadataDir(), name + ".json");
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** The relative path (in the target directory) a client may store this target under. */
  public Set<String> targetNames(String path) {
    return encodings(path);
  }

  /** The stored bytes of a downloaded target: the adapter's answer, else any usual encoding of its name. */
  public Optional<byte[]> storedTarget(String path) {
    Optional<byte[]> fromClient = client.downloadedTarget(path);
    if (fromClient.isPresent()) {
      return fromClient;
    }
    for (String name : encodings(path)) {
      Optional<byte[]> found = read(targetDir(), name);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  static Set<String> encodings(String name) {
    Set<String> names = new LinkedHashSet<>();
    names.add(name);
    String form = URLEncoder.encode(name, StandardCharsets.UTF_8);
    names.add(form);
    names.add(form.replace("+", "%20"));
    names.add(form.replace("+", "%20").replace("*", "%2A").replace("%7E", "~"));
    return names;
  }

  /** A file inside {@code dir}, never outside it (names come from attacker-controlled metadata). */
  static Optional<byte[]> read(Path dir, String name) {
    Path base = dir.toAbsolutePath().normalize();
    Path file = base.resolve(name).normalize();
    if (!file.startsWith(base) || file.equals(base) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of(in.readNBytes(MAX_READ));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
