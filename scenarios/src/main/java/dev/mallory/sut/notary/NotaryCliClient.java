package dev.mallory.sut.notary;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mallory.external.CommandResult;
import dev.mallory.external.LoopbackHttp;
import dev.mallory.external.NotaryClient;
import dev.mallory.external.TrustPinning;
import dev.mallory.json.Json;
import dev.mallory.sut.Capability;
import dev.mallory.sut.ClientOutcome;
import dev.mallory.sut.ClientSetup;
import dev.mallory.sut.ClientUnderTest;
import dev.mallory.client.errors.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real {@code notary} Go client (Debian 0.7.0) as a client under test, talking the Notary API
 * to {@link ClientSetup#notaryServer()} (the attacker proxy in scenarios).
 *
 * <ul>
 *   <li>{@code init}: prepares the trust dir ({@code WORKDIR/notary-trust}) and its config; in the
 *       primed modes writes the trusted root where the client caches it,
 *       {@code tuf/GUN/metadata/root.json} (the client then verifies everything against it, and a
 *       different root on the server is refused). Runs no command. See {@link NotaryMode}.
 *   <li>{@code refresh}: {@code notary list GUN}: the client updates its cache (timestamp, then
 *       snapshot, targets and delegations as needed) and prints the targets.
 *   <li>{@code download}: notary has no download; it signs and checks targets by name. For each
 *       target: {@code notary lookup GUN T} (updates metadata, finds the signed hash and length);
 *       then, if the setup has a targets URL, Mallory fetches the bytes from there on the client's
 *       behalf, by the content address the lookup resolved ({@code DIR/SHA256.NAME}, the
 *       consistent-snapshot name, as Docker fetches image content by digest; a repository may list
 *       one name with different content in different roles), reading at most the signed length + 1
 *       bytes, so a longer body reaches the check as wrong bytes rather than unbounded, and feeds
 *       them to {@code notary verify GUN T}, which
 *       accepts them only if they match the signed hash. Verified bytes are stored in the target
 *       dir. Without a targets URL only the lookup runs, and nothing is stored. A failed fetch
 *       (connection, HTTP status) is a refusal with {@link Reason#DOWNLOAD_ERROR}.
 *   <li>trusted versions: {@code signed.version} of every {@code *.json} under
 *       {@code tuf/GUN/metadata/} (delegations as {@code targets/NAME}), read leniently.
 *   <li>reasons: from the {@code * fatal:} line ({@link NotaryReasons}). Exit 1 is a refusal; any
 *       other exit code, or a missing binary, a harness fault; past the timeout, the process is
 *       killed by pid and the outcome is {@link ClientOutcome.TimedOut}.
 * </ul>
 *
 * <p>Observed behaviour worth knowing when reading verdicts: with a populated cache, a notary
 * client that cannot reach the server (connection refused, 404 or 5xx on timestamp.json) prints a
 * warning and answers {@code list}/{@code lookup} from its cache with exit 0.
 */
public final class NotaryCliClient implements ClientUnderTest {

  public static final Set<Capability> CAPABILITIES =
      Set.copyOf(EnumSet.of(Capability.NOTARY_API, Capability.DELEGATIONS, Capability.DOWNLOAD, Capability.NO_CONSISTENT_SNAPSHOT,
          Capability.TARGETS_HANDED_IN));

  /**
   * {@code NAME sha256:HEX SIZE}, as {@code notary lookup} prints it; {@code NAME sha256: SIZE} when
   * the entry lists no sha256 (the bytes are then fetched by name, and {@code notary verify} judges them).
   */
  static final Pattern LOOKUP = Pattern.compile("^(\\S+) sha256:([0-9a-f]{64})? (\\d+)\\s*$", Pattern.MULTILINE);

  private static final long MAX_METADATA_FILE = 16L * 1024 * 1024;
  private static final int MAX_TARGET_FETCH = 64 * 1024 * 1024;

  private final NotaryMode mode;
  private final Duration timeout;
  private ClientSetup setup;
  private NotaryClient client;
  private CommandResult lastRun;

  public NotaryCliClient(NotaryMode mode, Duration timeout) {
    this.mode = mode;
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return mode.id().isEmpty() ? "notary" : "notary:" + mode.id();
  }

  @Override
  public Set<Capability> capabilities() {
    if (mode.kind() == NotaryMode.Kind.PINNED || mode.kind() == NotaryMode.Kind.CA) {
      Set<Capability> pinned = EnumSet.copyOf(CAPABILITIES);
      pinned.add(Capability.ROOT_KEY_PINNING);
      return Set.copyOf(pinned);
    }
    return CAPABILITIES;
  }

  /** The client's trust dir (keys, config, cached metadata), once initialised. */
  public Optional<Path> trustDir() {
    return Optional.ofNullable(client).map(NotaryClient::trustDir);
  }

  /** The last notary command's full result, for evidence. */
  public Optional<CommandResult> lastRun() {
    return Optional.ofNullable(lastRun);
  }

  @Override
  public ClientOutcome init(ClientSetup setup) {
    long start = System.nanoTime();
    if (!NotaryClient.isInstalled()) {
      return fault(NotaryClient.NOT_INSTALLED);
    }
    if (setup.notaryServer() == null || setup.gun() == null || setup.gun().isBlank()) {
      return fault("the notary client needs a Notary server URL and a GUN in the setup");
    }
    if (!safeGun(setup.gun())) {
      return fault("GUN '" + setup.gun() + "' would leave the trust dir");
    }
    this.setup = setup;
    Path trustDir = setup.workDir().resolve("notary-trust");
    try {
      Files.createDirectories(setup.targetDir());
      TrustPinning pinning = pinning(setup);
      client = NotaryClient.builder(server(setup), trustDir).trustPinning(pinning).timeout(timeout).build();
      if (mode.primesCache()) {
        if (setup.trustedRoot() == null || setup.trustedRoot().length == 0) {
          return fault("mode '" + name() + "' needs the scenario's trusted root");
        }
        Path metadata = metadataDir();
        Files.createDirectories(metadata);
        Files.write(metadata.resolve("root.json"), setup.trustedRoot());
      }
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      return fault("cannot prepare the notary trust dir " + trustDir + ": " + e.getMessage());
    }
    return new ClientOutcome.Accepted("trust dir prepared (" + (mode.primesCache() ? "trusted root cached" : "no root: " + mode.kind()) + ")",
        Duration.ofNanos(System.nanoTime() - start));
  }

  @Override
  public ClientOutcome refresh() {
    if (client == null) {
      return notInitialised();
    }
    return outcome(run(() -> client.list(setup.gun())));
  }

  @Override
  public ClientOutcome download(List<String> targetPaths) {
    if (client == null) {
      return notInitialised();
    }
    if (targetPaths.isEmpty()) {
      return refresh();
    }
    Duration total = Duration.ZERO;
    List<String> done = new ArrayList<>();
    for (String target : targetPaths) {
      CommandResult lookup = run(() -> client.lookup(setup.gun(), target));
      total = total.plus(lookup.elapsed());
      if (!lookup.ok()) {
        return withElapsed(outcome(lookup), total);
      }
      Matcher m = LOOKUP.matcher(lookup.stdout());
      if (!m.find()) {
        return new ClientOutcome.HarnessFault("cannot read notary lookup output: " + lookup.stdout().strip(), total);
      }
      long length = Long.parseLong(m.group(3));
      if (setup.targetsUrl() == null) {
        done.add(target + " (looked up only: no targets URL)");
        continue;
      }
      long fetchStart = System.nanoTime();
      URI uri = targetUri(setup.targetsUrl(), m.group(2) == null ? target : hashedName(target, m.group(2)));
      LoopbackHttp.Response response;
      try {
        response = LoopbackHttp.get(uri, (int) Math.min(MAX_TARGET_FETCH, length + 1));
      } catch (UncheckedIOException | IllegalArgumentException e) {
        total = total.plus(Duration.ofNanos(System.nanoTime() - fetchStart));
        return new ClientOutcome.Refused(Optional.of(Reason.DOWNLOAD_ERROR), "target fetch " + uri + " failed: " + e.getMessage(), total);
      }
      total = total.plus(Duration.ofNanos(System.nanoTime() - fetchStart));
      if (response.status() != 200) {
        return new ClientOutcome.Refused(Optional.of(Reason.DOWNLOAD_ERROR), "target fetch " + uri + ": HTTP " + response.status(), total);
      }
      CommandResult verify = run(() -> client.verify(setup.gun(), target, response.body()));
      total = total.plus(verify.elapsed());
      if (!verify.ok()) {
        return withElapsed(outcome(verify), total);
      }
      Optional<Path> stored = store(target, response.body());
      if (stored.isEmpty()) {
        return new ClientOutcome.Refused(Optional.of(Reason.UNSAFE_PATH), "target name '" + target + "' would leave the target dir", total);
      }
      done.add(target);
    }
    return new ClientOutcome.Accepted("verified " + String.join(", ", done), total);
  }

  @Override
  public Map<String, Long> trustedVersions() {
    Map<String, Long> versions = new TreeMap<>();
    if (client == null || !Files.isDirectory(metadataDir())) {
      return versions;
    }
    Path dir = metadataDir();
    try (Stream<Path> files = Files.walk(dir, 8)) {
      files.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f)).forEach(f -> {
        String rel = dir.relativize(f).toString().replace('\\', '/');
        String role = rel.substring(0, rel.length() - ".json".length());
        version(f).ifPresent(v -> versions.put(role, v));
      });
    } catch (IOException | UncheckedIOException e) {
      // An unreadable cache trusts nothing more than what was read.
    }
    return versions;
  }

  @Override
  public Optional<byte[]> downloadedTarget(String targetPath) {
    if (setup == null) {
      return Optional.empty();
    }
    Path file = setup.targetDir().resolve(targetPath).normalize();
    if (!file.startsWith(setup.targetDir().normalize()) || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(file));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    // Every notary command ran to completion or was killed by pid (CommandRunner).
  }

  /** {@code TRUSTDIR/tuf/GUN/metadata}: where the client caches the metadata it trusts. */
  public Path metadataDir() {
    return client.trustDir().resolve("tuf").resolve(setup.gun()).resolve("metadata");
  }

  private static URI server(ClientSetup setup) {
    String s = setup.notaryServer().toString();
    return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
  }

  private TrustPinning pinning(ClientSetup setup) {
    return switch (mode.kind()) {
      case PRIMED, TOFU -> null;
      case NO_TOFU -> TrustPinning.tofu().withDisableTofu(true);
      case PINNED -> {
        List<String> ids = rootKeyIds(setup.trustedRoot());
        yield TrustPinning.certs(setup.gun(), ids.toArray(String[]::new)).withDisableTofu(true);
      }
      case CA -> TrustPinning.ca(setup.gun(), mode.caCert().orElseThrow()).withDisableTofu(true);
    };
  }

  /** {@code signed.roles.root.keyids} of the trusted root: what {@code trust_pinning.certs} names. */
  static List<String> rootKeyIds(byte[] root) {
    if (root == null || root.length == 0) {
      throw new IllegalArgumentException("pinning needs the scenario's trusted root");
    }
    JsonNode ids = Json.parse(root).path("signed").path("roles").path("root").path("keyids");
    List<String> result = new ArrayList<>();
    ids.forEach(id -> result.add(id.asText()));
    if (result.isEmpty()) {
      throw new IllegalArgumentException("the trusted root lists no root key ids");
    }
    return result;
  }

  private static Optional<Long> version(Path file) {
    try {
      if (Files.size(file) > MAX_METADATA_FILE) {
        return Optional.empty();
      }
      JsonNode v = Json.parse(Files.readAllBytes(file)).path("signed").path("version");
      return v.canConvertToExactIntegral() && v.canConvertToLong() && v.asLong() >= 1 ? Optional.of(v.asLong()) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static boolean safeGun(String gun) {
    for (String segment : gun.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.contains("\\")) {
        return false;
      }
    }
    return true;
  }

  /** {@code dir/name} to {@code dir/SHA256.name}. */
  static String hashedName(String target, String sha256) {
    int slash = target.lastIndexOf('/');
    return target.substring(0, slash + 1) + sha256 + "." + target.substring(slash + 1);
  }

  static URI targetUri(URI base, String target) {
    StringBuilder path = new StringBuilder();
    for (String segment : target.split("/", -1)) {
      if (path.length() > 0) {
        path.append('/');
      }
      path.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    String b = base.toString();
    return URI.create((b.endsWith("/") ? b : b + "/") + path);
  }

  private Optional<Path> store(String target, byte[] bytes) {
    Path root = setup.targetDir().normalize();
    Path file = root.resolve(target).normalize();
    if (!file.startsWith(root) || file.equals(root)) {
      return Optional.empty();
    }
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
      return Optional.of(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store target " + target, e);
    }
  }

  private CommandResult run(java.util.function.Supplier<CommandResult> command) {
    lastRun = command.get();
    return lastRun;
  }

  /** What one finished (or killed) notary command means. */
  static ClientOutcome outcome(CommandResult result) {
    if (result.timedOut()) {
      return new ClientOutcome.TimedOut(result.elapsed());
    }
    String errorLine = NotaryReasons.errorLine(result.stdout(), result.stderr());
    return switch (result.exitCode()) {
      case 0 -> new ClientOutcome.Accepted(summary(result.stdout()), result.elapsed());
      case 1 -> new ClientOutcome.Refused(NotaryReasons.classify(errorLine),
          errorLine.isEmpty() ? "exit 1 without an error message" : errorLine, result.elapsed());
      default -> new ClientOutcome.HarnessFault("notary exited " + result.exitCode() + (errorLine.isEmpty() ? "" : ": " + errorLine),
          result.elapsed());
    };
  }

  private static String summary(String stdout) {
    long rows = stdout.lines().filter(l -> !l.isBlank() && !l.startsWith("NAME") && !l.startsWith("----")).count();
    return rows + " target line(s)";
  }

  private static ClientOutcome withElapsed(ClientOutcome outcome, Duration elapsed) {
    if (outcome instanceof ClientOutcome.Accepted a) {
      return new ClientOutcome.Accepted(a.detail(), elapsed);
    }
    if (outcome instanceof ClientOutcome.Refused r) {
      return new ClientOutcome.Refused(r.reason(), r.error(), elapsed);
    }
    if (outcome instanceof ClientOutcome.TimedOut) {
      return new ClientOutcome.TimedOut(elapsed);
    }
    return new ClientOutcome.HarnessFault(((ClientOutcome.HarnessFault) outcome).problem(), elapsed);
  }

  private ClientOutcome fault(String problem) {
    return new ClientOutcome.HarnessFault(problem, Duration.ZERO);
  }

  private static ClientOutcome notInitialised() {
    return new ClientOutcome.HarnessFault("init was not called before this command", Duration.ZERO);
  }
}
