package dev.mallory.steps.contenttrust;

import dev.mallory.registry.Digest;
import dev.mallory.registry.image.Image;
import dev.mallory.registry.pull.PullLimits;
import dev.mallory.report.Verdict;
import dev.mallory.sut.pull.ImagePuller;
import dev.mallory.sut.pull.PullBackend;
import dev.mallory.sut.pull.PullSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Per-scenario state of the content-trust steps, injected by picocontainer (no static state): the
 * pull system and backend, the images published by label, which label each tag is signed to, the
 * sandbox with the target root, the last pull, and the soft findings of the outcome steps.
 *
 * <p>Sandbox layout: {@code <scenario>/sandbox/area/pulls/rootfs} is the target root, so a
 * {@code ../} or {@code ../../} entry lands inside the sandbox where the outcome steps see it; the
 * trust directories live outside the sandbox.
 */
public final class PullWorld {
  /** One observation of an outcome step: the verdict it decides. */
  record Finding(Verdict verdict, String step, String observation) {
    @Override
    public String toString() {
      return verdict + " — " + step + ": " + observation;
    }
  }

  PullSystem system;
  PullBackend backend;
  ImagePuller puller;
  Path scenarioDir;
  Path sandbox;
  Path targetRoot;
  PullLimits limits = PullLimits.DEFAULTS;
  final Map<String, Image> images = new HashMap<>();
  final Map<String, Digest> digests = new HashMap<>();
  /** Tag to the label of the image the trust server signs it to. */
  final Map<String, String> signed = new HashMap<>();
  /** Tags pushed without signature, to the label of their image. */
  final Map<String, String> pushedTags = new HashMap<>();
  final List<String> attacks = new ArrayList<>();
  final List<String> pulls = new ArrayList<>();
  final List<Finding> findings = new ArrayList<>();
  final List<String> notes = new ArrayList<>();
  ImagePuller.PullAttempt last;
  String lastTag;
  private int trustDirs;
  private int extraRoots;

  boolean active() {
    return backend != null;
  }

  Path newTrustDir() {
    return scenarioDir.resolve("trust-" + (++trustDirs));
  }

  /** A fresh target root for a later pull, in its own sandbox next to the first. */
  Path newTargetRoot() {
    return scenarioDir.resolve("after-" + (++extraRoots)).resolve("area/pulls/rootfs");
  }

  Image image(String label) {
    Image image = images.get(label);
    if (image == null) {
      throw new IllegalArgumentException("no image \"" + label + "\" was pushed in this scenario (known: " + images.keySet() + ")");
    }
    return image;
  }

  /** The image the trust data signs {@code tag} to. */
  Image signedImage(String tag) {
    String label = signed.get(tag);
    if (label == null) {
      throw new IllegalArgumentException("tag \"" + tag + "\" is not signed in this scenario");
    }
    return image(label);
  }

  void find(Verdict verdict, String step, String observation) {
    findings.add(new Finding(verdict, step, observation));
  }

  Verdict worst() {
    Verdict worst = Verdict.PROTECTED;
    for (Finding f : findings) {
      if (f.verdict() == Verdict.VULNERABLE) {
        return Verdict.VULNERABLE;
      }
      if (f.verdict() == Verdict.BROKEN) {
        worst = Verdict.BROKEN;
      }
    }
    return worst;
  }

  /** Regular files, links and directories under {@code root} (relative, '/'-separated), without following links. */
  static List<String> listTree(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Everything in the sandbox that is neither the target root, inside it, nor a directory on the way to it. */
  List<String> besideTargetRoot() {
    List<String> beside = new ArrayList<>();
    for (String rel : listTree(sandbox)) {
      Path p = sandbox.resolve(rel);
      if (p.startsWith(targetRoot) || (targetRoot.startsWith(p) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))) {
        continue;
      }
      beside.add(rel + (Files.isSymbolicLink(p) ? " (symlink)" : ""));
    }
    return beside;
  }

  static Optional<byte[]> read(Path p) {
    try {
      return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? Optional.of(Files.readAllBytes(p)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // scratch space: a leftover is harmless
    }
  }
}
