package dev.mallory.sut.pull;

import dev.mallory.registry.pull.ContentTrustPull;
import dev.mallory.registry.pull.NaivePull;
import dev.mallory.registry.pull.PullLimits;
import dev.mallory.registry.pull.PullResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A pull client under test, driven in-process: pull one tag from a {@link PullBackend} into a target
 * root, with a fresh trust directory per pull. What it reports is only what it did; the steps
 * judge the target root on disk.
 */
public interface ImagePuller {
  String name();

  /** Pulls {@code tag} into {@code targetRoot}; never throws for a refusal (it is the outcome). */
  PullAttempt pull(PullBackend backend, String tag, Path targetRoot, Path trustDir, PullLimits limits);

  /**
   * How a pull ended.
   *
   * @param refusal the typed error the puller refused with, if it refused
   * @param warnings what the puller logged and carried on after (Docker 1.3's checksum warning)
   * @param summary one line for the evidence
   */
  record PullAttempt(Optional<RuntimeException> refusal, List<String> warnings, String summary) {
    public boolean refused() {
      return refusal.isPresent();
    }
  }

  static ImagePuller of(PullSystem.Puller puller) {
    return puller == PullSystem.Puller.REFERENCE ? new Reference() : new Naive();
  }

  /** {@link ContentTrustPull}: verifies everything before it decompresses anything. */
  final class Reference implements ImagePuller {
    @Override
    public String name() {
      return "reference";
    }

    @Override
    public PullAttempt pull(PullBackend backend, String tag, Path targetRoot, Path trustDir, PullLimits limits) {
      try {
        PullResult r = new ContentTrustPull(backend.pullerRegistry(), backend.imageName(), backend.newResolver(trustDir), limits)
            .pull(tag, targetRoot);
        return new PullAttempt(Optional.empty(), List.of(), "pulled " + tag + " = " + r.manifestDigest() + " signed by role "
            + r.tag().role() + ": " + r.layers() + " layers, " + r.unpackedBytes() + " bytes unpacked");
      } catch (RuntimeException e) {
        return new PullAttempt(Optional.of(e), List.of(), "refused: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
  }

  /** {@link NaivePull}: Docker 1.3's "verified" pull; it has no unpack limits, so {@code limits} are ignored. */
  final class Naive implements ImagePuller {
    @Override
    public String name() {
      return "naive";
    }

    @Override
    public PullAttempt pull(PullBackend backend, String tag, Path targetRoot, Path trustDir, PullLimits limits) {
      try {
        NaivePull.Result r = new NaivePull(backend.pullerRegistry(), backend.imageName(), backend.newResolver(trustDir))
            .pull(tag, targetRoot);
        return new PullAttempt(Optional.empty(), r.warnings(), "pulled " + tag + (r.claimsVerified() ? " (reported \"verified\")" : "")
            + ": wrote " + r.written().size() + " files" + (r.warnings().isEmpty() ? "" : ", warnings: " + r.warnings()));
      } catch (RuntimeException e) {
        return new PullAttempt(Optional.of(e), List.of(), "refused: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
  }
}
