package dev.mallory.sut;

import dev.mallory.client.errors.Reason;
import dev.mallory.client.TufLayout;
import dev.mallory.client.Updater;
import dev.mallory.client.MinimumSpeed;
import dev.mallory.client.UpdaterConfig;
import dev.mallory.client.errors.TufClientException;
import dev.mallory.dialect.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The reference client (reference-impl's {@link Updater}) in-process, over real HTTP through the
 * proxy. Its refusals carry the typed exception's own {@link TufClientException#reason()}, so the
 * reason is known, not inferred from text. Each command runs under a deadline (features/README.md:
 * 120 s by default); a command still running then is abandoned and reported as hung.
 */
public final class ReferenceClientUnderTest implements ClientUnderTest {
  public static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.of(
      Capability.TUF_LAYOUT, Capability.DELEGATIONS, Capability.NO_CONSISTENT_SNAPSHOT, Capability.DOWNLOAD,
      Capability.MIRRORS, Capability.REFERENCE_TIME));

  /**
   * Tighter than a real user's defaults ({@link UpdaterConfig#DEFAULTS}), so that slow-retrieval
   * scenarios end in about one window: at least 1 KiB in every 5 s (so no read waits longer than
   * 5 s either). Genuine answers on loopback take milliseconds, but the first requests of a cold
   * JVM with eight scenarios in parallel on a loaded 2-core machine took over 3 s (measured); the
   * 60 s deadline stays as a backstop.
   */
  static final UpdaterConfig CONFIG = UpdaterConfig.DEFAULTS
      .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(60))
      .withMinimumSpeed(new MinimumSpeed(1024, Duration.ofSeconds(5)));

  private final Duration deadline;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "mallory-reference-client");
    t.setDaemon(true);
    return t;
  });
  private ClientSetup setup;
  private Updater updater;

  public ReferenceClientUnderTest(Duration deadline) {
    this.deadline = deadline;
  }

  public ReferenceClientUnderTest() {
    this(Duration.ofSeconds(120));
  }

  @Override
  public String name() {
    return "reference";
  }

  @Override
  public Set<Capability> capabilities() {
    return CAPABILITIES;
  }

  @Override
  public ClientOutcome init(ClientSetup s) {
    long start = System.nanoTime();
    this.setup = s;
    try {
      Files.createDirectories(s.metadataDir());
      Files.createDirectories(s.targetDir());
    } catch (IOException e) {
      return new ClientOutcome.HarnessFault("cannot prepare " + s.workDir() + ": " + e.getMessage(), since(start));
    }
    Updater.Builder builder = Updater.builder(new TufLayout(s.metadataUrl()))
        .metadataDir(s.metadataDir())
        .targetDir(s.targetDir())
        .targetBaseUrl(s.targetsUrl())
        .config(CONFIG)
        .clock(s.clock()); // the scenario's time, read once per refresh (5.1)
    s.fallbackMirrors().forEach(m -> builder.mirror(new TufLayout(m.metadataUrl()), m.targetsUrl()));
    this.updater = builder.build();
    return run(() -> Updater.initialize(s.metadataDir(), s.trustedRoot(), Dialect.TUF_1_0), "initialised");
  }

  @Override
  public ClientOutcome refresh() {
    return run(() -> updater.refresh(), "refreshed");
  }

  @Override
  public ClientOutcome download(List<String> targetPaths) {
    return run(() -> {
      updater.refresh();
      for (String path : targetPaths) {
        updater.download(path);
      }
    }, "downloaded " + targetPaths);
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
    worker.shutdownNow();
  }

  private ClientOutcome run(Runnable command, String detail) {
    long start = System.nanoTime();
    if (updater == null) {
      return new ClientOutcome.HarnessFault("init was not called before this command", Duration.ZERO);
    }
    Future<?> running = worker.submit(command);
    try {
      running.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
      return new ClientOutcome.Accepted(detail, since(start));
    } catch (TimeoutException e) {
      running.cancel(true);
      return new ClientOutcome.TimedOut(since(start));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.cancel(true);
      return new ClientOutcome.HarnessFault("interrupted", since(start));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TufClientException refused) {
        return new ClientOutcome.Refused(Optional.of(refused.reason()),
            refused.getClass().getSimpleName() + ": " + refused.getMessage(), since(start));
      }
      if (cause instanceof UncheckedIOException local) {
        return new ClientOutcome.HarnessFault("local storage failed: " + local.getMessage(), since(start));
      }
      // Any other exception on hostile input is still the client refusing, without a known reason.
      return new ClientOutcome.Refused(Optional.empty(), cause.getClass().getSimpleName() + ": " + cause.getMessage(), since(start));
    }
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
