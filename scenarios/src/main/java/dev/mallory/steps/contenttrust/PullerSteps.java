package dev.mallory.steps.contenttrust;

import dev.mallory.registry.errors.DecompressionBombException;
import dev.mallory.registry.errors.LayerDigestMismatchException;
import dev.mallory.registry.errors.MalformedArchiveException;
import dev.mallory.registry.errors.MalformedManifestException;
import dev.mallory.registry.errors.ManifestDigestMismatchException;
import dev.mallory.registry.errors.RegistryException;
import dev.mallory.registry.errors.TagNotSignedException;
import dev.mallory.registry.errors.TrustDataException;
import dev.mallory.registry.errors.UnsafeArchiveEntryException;
import dev.mallory.registry.image.Image;
import dev.mallory.report.Verdict;
import dev.mallory.sut.pull.ImagePuller;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The puller's action and the outcome steps. Outcome steps are soft: they record a finding and
 * never stop the scenario; {@link PullHooks} turns the worst finding into the verdict. Every
 * observation is physical: the typed error the puller refused with, and what is on disk in the
 * target root and beside it.
 */
public final class PullerSteps {
  /** Reason words of a refusal, and the typed errors of {@code dev.mallory.registry.errors} they cover. */
  static final String REASON = "(?:an? )?(layer digest mismatch|manifest digest mismatch|unsigned tag|decompression bomb"
      + "|unsafe archive entry|malformed archive|malformed manifest|invalid trust data|registry error)";

  private final PullWorld world;

  public PullerSteps(PullWorld world) {
    this.world = world;
  }

  static String reasonOf(RuntimeException e) {
    if (e instanceof LayerDigestMismatchException) {
      return "layer digest mismatch";
    }
    if (e instanceof ManifestDigestMismatchException) {
      return "manifest digest mismatch";
    }
    if (e instanceof TagNotSignedException) {
      return "unsigned tag";
    }
    if (e instanceof DecompressionBombException) {
      return "decompression bomb";
    }
    if (e instanceof UnsafeArchiveEntryException) {
      return "unsafe archive entry";
    }
    if (e instanceof MalformedArchiveException) {
      return "malformed archive";
    }
    if (e instanceof MalformedManifestException) {
      return "malformed manifest";
    }
    if (e instanceof TrustDataException) {
      return "invalid trust data";
    }
    if (e instanceof RegistryException) {
      return "registry error";
    }
    return "error " + e.getClass().getSimpleName();
  }

  @When("^the puller pulls tag \"([^\"]+)\"$")
  public void pull(String tag) {
    world.lastTag = tag;
    world.last = world.puller.pull(world.backend, tag, world.targetRoot, world.newTrustDir(), world.limits);
    world.pulls.add(world.puller.name() + " pull of \"" + tag + "\" into " + world.sandbox.relativize(world.targetRoot) + ": "
        + world.last.summary());
  }

  @Then("^the pull is refused(?: because of " + REASON + ")?$")
  public void refused(String reason) {
    String step = "the pull is refused" + (reason == null ? "" : " because of " + reason);
    ImagePuller.PullAttempt last = requirePull(step);
    if (!last.refused()) {
      world.find(Verdict.VULNERABLE, step, "the puller accepted the image: " + last.summary());
      return;
    }
    String got = reasonOf(last.refusal().get());
    if (reason != null && !reason.equals(got)) {
      world.find(Verdict.BROKEN, step, "refused because of " + got + " instead: " + last.refusal().get().getMessage());
    }
  }

  @Then("^nothing reached the target root$")
  public void nothingReachedTheTargetRoot() {
    String step = "nothing reached the target root";
    Path root = world.targetRoot;
    if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
        world.find(Verdict.VULNERABLE, step, "the target root was replaced by a " + (Files.isSymbolicLink(root) ? "symlink" : "file"));
      } else {
        List<String> inside = PullWorld.listTree(root);
        if (!inside.isEmpty()) {
          world.find(Verdict.VULNERABLE, step, "the target root holds " + inside.size() + " entries: " + head(inside)
              + content(root, inside));
        }
      }
    }
    List<String> beside = world.besideTargetRoot();
    if (!beside.isEmpty()) {
      world.find(Verdict.VULNERABLE, step, "written beside the target root: " + head(beside));
    }
  }

  @Then("^the puller installed image \"([^\"]+)\"$")
  public void installed(String label) {
    String step = "the puller installed image \"" + label + "\"";
    ImagePuller.PullAttempt last = requirePull(step);
    if (last.refused()) {
      world.find(Verdict.BROKEN, step, "the pull of a signed image was refused: " + last.summary());
      return;
    }
    compare(step, world.image(label), world.targetRoot, Verdict.VULNERABLE);
  }

  @Then("^nothing from image \"([^\"]+)\" reached the target root$")
  public void nothingFrom(String label) {
    String step = "nothing from image \"" + label + "\" reached the target root";
    TestImages.Expected old = TestImages.expected(world.image(label));
    TestImages.Expected current = world.lastTag != null && world.signed.containsKey(world.lastTag)
        ? TestImages.expected(world.signedImage(world.lastTag)) : new TestImages.Expected(java.util.Map.of(), java.util.Map.of(), java.util.Set.of());
    List<String> found = new ArrayList<>();
    for (String rel : PullWorld.listTree(world.targetRoot)) {
      Optional<byte[]> bytes = PullWorld.read(world.targetRoot.resolve(rel));
      Optional<byte[]> fromOld = old.contentOf(rel);
      Optional<byte[]> fromCurrent = current.contentOf(rel);
      if (bytes.isPresent() && fromOld.isPresent() && Arrays.equals(bytes.get(), fromOld.get())
          && !(fromCurrent.isPresent() && Arrays.equals(fromCurrent.get(), fromOld.get()))) {
        found.add(rel);
      }
    }
    if (!found.isEmpty()) {
      world.find(Verdict.VULNERABLE, step, "the target root holds " + label + "'s " + head(found));
    }
  }

  @Then("^the puller pulls tag \"([^\"]+)\" normally once the attack stops$")
  public void pullsOnceTheAttackStops(String tag) {
    String step = "the puller pulls tag \"" + tag + "\" normally once the attack stops";
    world.backend.stopTampering();
    Path root = world.newTargetRoot();
    try {
      Files.createDirectories(root.getParent());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    ImagePuller.PullAttempt attempt = world.puller.pull(world.backend, tag, root, world.newTrustDir(), world.limits);
    world.pulls.add(world.puller.name() + " pull of \"" + tag + "\" after the attack: " + attempt.summary());
    if (attempt.refused()) {
      world.find(Verdict.BROKEN, step, "refused after the attack stopped: " + attempt.summary());
      return;
    }
    compare(step, world.signedImage(tag), root, Verdict.BROKEN);
  }

  /** The target root holds the image's files with their bytes, and nothing else (links may be left out). */
  private void compare(String step, Image image, Path root, Verdict onForeign) {
    TestImages.Expected expected = TestImages.expected(image);
    List<String> foreign = new ArrayList<>();
    for (String rel : PullWorld.listTree(root)) {
      Path p = root.resolve(rel);
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      if (Files.isSymbolicLink(p)) {
        if (!expected.symlinks().contains(rel)) {
          foreign.add(rel + " (symlink)");
        }
        continue;
      }
      Optional<byte[]> want = expected.contentOf(rel);
      if (want.isEmpty() || !Arrays.equals(want.get(), PullWorld.read(p).orElse(null))) {
        foreign.add(rel);
      }
    }
    if (!foreign.isEmpty()) {
      world.find(onForeign, step, "the target root holds what the signed image does not: " + head(foreign) + content(root, foreign));
    }
    List<String> missing = expected.files().keySet().stream().filter(f -> !Files.isRegularFile(root.resolve(f), LinkOption.NOFOLLOW_LINKS)).toList();
    if (!missing.isEmpty()) {
      world.find(Verdict.BROKEN, step, "missing files of the signed image: " + head(missing));
    }
  }

  private ImagePuller.PullAttempt requirePull(String step) {
    if (world.last == null) {
      throw new IllegalStateException(step + ": no pull happened before this step");
    }
    return world.last;
  }

  private static String head(List<String> items) {
    return items.size() <= 8 ? items.toString() : items.subList(0, 8) + " and " + (items.size() - 8) + " more";
  }

  /** A short sample of small text files, so the evidence shows what got in. */
  private static String content(Path root, List<String> rels) {
    List<String> samples = new ArrayList<>();
    for (String rel : rels) {
      String clean = rel.replace(" (symlink)", "");
      Path p = root.resolve(clean);
      try {
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.size(p) <= 64) {
          samples.add(clean + "=" + Files.readString(p).strip());
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          samples.add(clean + " (" + Files.size(p) + " bytes)");
        }
      } catch (java.io.IOException | java.io.UncheckedIOException e) {
        // binary or unreadable: the name is enough
      }
      if (samples.size() == 3) {
        break;
      }
    }
    return samples.isEmpty() ? "" : " " + samples;
  }
}
