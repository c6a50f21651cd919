package dev.mallory.sut;

import dev.mallory.client.errors.Reason;
import dev.mallory.external.CommandResult;
import dev.mallory.external.CommandRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Drives any executable that speaks the TUF conformance client CLI protocol (tuf-conformance
 * CLIENT-CLI.md):
 *
 * <pre>
 * CLIENT --metadata-dir DIR init TRUSTED_ROOT
 * CLIENT --metadata-url URL --metadata-dir DIR refresh
 * CLIENT --metadata-url URL --metadata-dir DIR --target-name P [--target-name P2 ...] \
 *        --target-dir TDIR --target-base-url TURL download
 * </pre>
 *
 * <p>What each run means, from the protocol alone: exit 0 is {@link ClientOutcome.Accepted}; exit 1
 * is {@link ClientOutcome.Refused}, with a {@link Reason} only if {@link ReasonClassifier} finds one
 * in the error line (or a {@link ClientOutcome.HarnessFault} if the client's descriptor says that
 * error line is its own setup failing); any other exit code, or a binary that cannot be started, is
 * a harness fault; running past the per-command timeout is {@link ClientOutcome.TimedOut}, and the
 * process and its descendants are then killed by pid ({@link CommandRunner}).
 *
 * <p>A client declaring {@link Capability#REFERENCE_TIME} gets the scenario's time on every
 * command as {@code --reference-time <ISO-8601 instant>} (before the other arguments) and as
 * {@code FAKETIME=@<epoch seconds>}; the shims and Mallory's own CLIs read either, the option first.
 *
 * <p>Layout under the scenario's work dir: {@code trusted-root.json} (the out-of-band root handed
 * to {@code init}), {@code metadata/} (DIR) and {@code targets/} (TDIR), both created before
 * {@code init}. The metadata dir must hold only what the client trusts; Mallory puts nothing else
 * there.
 */
public final class CliClient implements ClientUnderTest {

  /** Default per-command bound: well above a healthy run (tuf-js ~0.3 s, sigstore-java cold ~1.1 s). */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /**
   * Proxy variables removed from the client's environment: in reverse-proxy mode the URLs already
   * point at Mallory's proxy, and an inherited proxy would silently route around (or through) it.
   */
  static final List<String> PROXY_VARIABLES =
      List.of("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "no_proxy", "NO_PROXY");

  private final ClientDescriptor descriptor;
  private final List<String> command;
  private final Map<String, String> env;
  private final Duration timeout;
  private ClientSetup setup;
  private CommandResult lastRun;

  /**
   * @param command the executable and any fixed leading arguments ({@code java -cp X Main --kind k})
   * @param env applied on top of this JVM's environment, after the proxy variables are removed; a
   *     {@code null} value removes a variable
   */
  public CliClient(ClientDescriptor descriptor, List<String> command, Map<String, String> env, Duration timeout) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("no command for client " + descriptor.name());
    }
    if (descriptor.capabilities().contains(Capability.MIRRORS)) {
      // The conformance client protocol takes one --metadata-url: a second mirror cannot be given.
      throw new IllegalArgumentException("client " + descriptor.name() + " declares MIRRORS, but the conformance client "
          + "protocol has a single --metadata-url; remove MIRRORS from its capabilities");
    }
    this.descriptor = descriptor;
    this.command = List.copyOf(command);
    Map<String, String> merged = new java.util.HashMap<>();
    PROXY_VARIABLES.forEach(v -> merged.put(v, null));
    merged.putAll(env);
    this.env = java.util.Collections.unmodifiableMap(merged);
    this.timeout = timeout;
  }

  @Override
  public String name() {
    return descriptor.name();
  }

  @Override
  public Set<Capability> capabilities() {
    return descriptor.capabilities();
  }

  public Duration timeout() {
    return timeout;
  }

  /** The last command's full result (exit code, bounded stdout/stderr), for evidence. */
  public Optional<CommandResult> lastRun() {
    return Optional.ofNullable(lastRun);
  }

  /** Lines about metadata files that could not be read as trusted metadata (see {@link TrustedMetadataDir}). */
  public List<String> metadataNotes() {
    return setup == null ? List.of() : TrustedMetadataDir.read(setup.metadataDir()).notes();
  }

  @Override
  public ClientOutcome init(ClientSetup setup) {
    this.setup = setup;
    Path rootFile = setup.workDir().resolve("trusted-root.json");
    try {
      Files.createDirectories(setup.metadataDir());
      Files.createDirectories(setup.targetDir());
      Files.write(rootFile, setup.trustedRoot());
    } catch (IOException | UncheckedIOException e) {
      return new ClientOutcome.HarnessFault("cannot prepare " + setup.workDir() + ": " + e.getMessage(), Duration.ZERO);
    }
    try {
      return run(List.of("--metadata-dir", setup.metadataDir().toString(), "init", rootFile.toString()));
    } finally {
      // The out-of-band root is the harness's file, not the client's: once init has taken it,
      // it goes, so "nothing written outside the client's directories" judges the client alone.
      try {
        Files.deleteIfExists(rootFile);
      } catch (IOException e) {
        // left behind: the sandbox check will name it
      }
    }
  }

  @Override
  public ClientOutcome refresh() {
    if (setup == null) {
      return notInitialised();
    }
    return run(List.of("--metadata-url", setup.metadataUrl().toString(), "--metadata-dir", setup.metadataDir().toString(), "refresh"));
  }

  @Override
  public ClientOutcome download(List<String> targetPaths) {
    if (setup == null) {
      return notInitialised();
    }
    if (targetPaths.isEmpty()) {
      return refresh(); // the protocol's download needs a target; "refresh, then nothing" is a refresh
    }
    List<String> args = new ArrayList<>(List.of("--metadata-url", setup.metadataUrl().toString(), "--metadata-dir", setup.metadataDir().toString()));
    for (String path : targetPaths) {
      args.add("--target-name");
      args.add(path);
    }
    args.addAll(List.of("--target-dir", setup.targetDir().toString(), "--target-base-url", setup.targetsUrl().toString(), "download"));
    return run(args);
  }

  @Override
  public Map<String, Long> trustedVersions() {
    return setup == null ? Map.of() : TrustedMetadataDir.read(setup.metadataDir()).versions();
  }

  @Override
  public Optional<byte[]> downloadedTarget(String targetPath) {
    return setup == null ? Optional.empty() : StoredTargets.find(setup.targetDir(), targetPath);
  }

  @Override
  public void close() {
    // Every command ran to completion or was killed by CommandRunner; nothing is left running.
  }

  private ClientOutcome run(List<String> args) {
    Path executable = Path.of(command.get(0));
    if (command.get(0).contains("/") && !Files.isExecutable(executable)) {
      return new ClientOutcome.HarnessFault("client executable " + executable + " does not exist or is not executable", Duration.ZERO);
    }
    List<String> full = new ArrayList<>(command);
    Map<String, String> runEnv = env;
    if (descriptor.capabilities().contains(Capability.REFERENCE_TIME)) {
      java.time.Instant now = setup.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
      full.addAll(List.of("--reference-time", now.toString()));
      Map<String, String> withTime = new java.util.HashMap<>(env);
      withTime.put("FAKETIME", "@" + now.getEpochSecond());
      runEnv = java.util.Collections.unmodifiableMap(withTime);
    }
    full.addAll(args);
    CommandResult result;
    try {
      result = CommandRunner.run(full, setup.workDir(), runEnv, null, timeout);
    } catch (UncheckedIOException e) {
      return new ClientOutcome.HarnessFault("cannot start " + command.get(0) + ": " + e.getCause().getMessage(), Duration.ZERO);
    }
    lastRun = result;
    return outcomeOf(result, descriptor);
  }

  /** The protocol's meaning of one finished (or killed) command. */
  static ClientOutcome outcomeOf(CommandResult result, ClientDescriptor descriptor) {
    if (result.timedOut()) {
      return new ClientOutcome.TimedOut(result.elapsed());
    }
    String errorLine = ReasonClassifier.errorLine(result.stderr(), result.stdout());
    return switch (result.exitCode()) {
      case 0 -> new ClientOutcome.Accepted(lastLine(result.stdout()), result.elapsed());
      case 1 -> descriptor.isHarnessFault(errorLine)
          ? new ClientOutcome.HarnessFault("client setup failed: " + errorLine, result.elapsed())
          : new ClientOutcome.Refused(
              ReasonClassifier.classifyLine(errorLine),
              errorLine.isEmpty() ? "exit 1 without an error message" : errorLine,
              result.elapsed());
      default -> new ClientOutcome.HarnessFault(
          "exit " + result.exitCode() + " (the protocol knows only 0 and 1)" + (errorLine.isEmpty() ? "" : ": " + errorLine),
          result.elapsed());
    };
  }

  private static String lastLine(String text) {
    return ReasonClassifier.errorLine("", text);
  }

  private static ClientOutcome notInitialised() {
    return new ClientOutcome.HarnessFault("init was not called before this command", Duration.ZERO);
  }
}
