package dev.mallory.sut.naive;

import dev.mallory.sut.Capability;
import dev.mallory.sut.ClientOutcome;
import dev.mallory.sut.ClientSetup;
import dev.mallory.sut.ClientUnderTest;
import dev.mallory.sut.StoredTargets;
import dev.mallory.sut.TrustedMetadataDir;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A naive teaching client run in-process, over real HTTP. The reason of a refusal is the one the
 * client itself raised (it is known here, not inferred from text).
 */
public final class NaiveClient implements ClientUnderTest {
  /** All three speak TUF 1.0 top-level metadata and download targets; none follows delegations. */
  public static final Set<Capability> CAPABILITIES =
      Set.copyOf(EnumSet.of(Capability.TUF_LAYOUT, Capability.NO_CONSISTENT_SNAPSHOT, Capability.DOWNLOAD, Capability.REFERENCE_TIME));

  private final NaiveKind kind;
  private final NaiveUpdater updater;
  private ClientSetup setup;

  public NaiveClient(NaiveKind kind) {
    this.kind = kind;
    this.updater = kind.newUpdater();
  }

  @Override
  public String name() {
    return "naive:" + kind.id();
  }

  @Override
  public Set<Capability> capabilities() {
    return CAPABILITIES;
  }

  @Override
  public ClientOutcome init(ClientSetup setup) {
    this.setup = setup;
    long start = System.nanoTime();
    try {
      Files.createDirectories(setup.metadataDir());
      Files.createDirectories(setup.targetDir());
      updater.init(setup.metadataDir(), setup.trustedRoot());
      return new ClientOutcome.Accepted("", since(start));
    } catch (java.io.IOException | UncheckedIOException e) {
      return new ClientOutcome.HarnessFault("cannot prepare " + setup.workDir() + ": " + e.getMessage(), since(start));
    }
  }

  @Override
  public ClientOutcome refresh() {
    return run(session -> updater.refresh(session), "refreshed");
  }

  @Override
  public ClientOutcome download(List<String> targetPaths) {
    return run(session -> updater.download(session, targetPaths), "downloaded " + targetPaths);
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
    // Nothing runs between commands.
  }

  private interface Step {
    void apply(Session session) throws Refusal;
  }

  private ClientOutcome run(Step step, String detail) {
    long start = System.nanoTime();
    if (setup == null) {
      return new ClientOutcome.HarnessFault("init was not called before this command", Duration.ZERO);
    }
    Session session = new Session(setup.metadataUrl(), setup.metadataDir(), setup.targetsUrl(), setup.targetDir(), setup.clock().instant());
    try {
      step.apply(session);
      return new ClientOutcome.Accepted(detail, since(start));
    } catch (Refusal e) {
      return new ClientOutcome.Refused(Optional.of(e.reason()), e.getMessage(), since(start));
    } catch (UncheckedIOException e) {
      return new ClientOutcome.HarnessFault("local storage failed: " + e.getMessage(), since(start));
    }
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
