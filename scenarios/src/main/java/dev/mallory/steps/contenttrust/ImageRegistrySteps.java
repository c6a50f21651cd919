package dev.mallory.steps.contenttrust;

import dev.mallory.engine.NotApplicableException;
import dev.mallory.registry.Digest;
import dev.mallory.registry.image.Image;
import dev.mallory.registry.image.Layer;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.When;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The publisher's side ("an image ... is pushed and signed") and the attacker's ("the registry
 * serves / answers ..."). The attacker controls only the registry: the {@code tamper*} hooks of the
 * reference registry, or the tampering relay in front of the real one.
 */
public final class ImageRegistrySteps {
  private final PullWorld world;

  public ImageRegistrySteps(PullWorld world) {
    this.world = world;
  }

  // ---- the publisher ------------------------------------------------------------------------

  @Given("^an image \"([^\"]+)\" is pushed and signed as tag \"([^\"]+)\"$")
  public void pushedAndSigned(String label, String tag) {
    Image image = TestImages.release(label);
    remember(label, image, world.backend.publish(tag, image));
    world.signed.put(tag, label);
  }

  @Given("^an image \"([^\"]+)\" is pushed as tag \"([^\"]+)\" without being signed$")
  public void pushedUnsigned(String label, String tag) {
    Image image = TestImages.release(label);
    remember(label, image, world.backend.push(tag, image));
    world.pushedTags.put(tag, label);
  }

  @Given("^an image whose layer holds " + TestImages.HOSTILE + " is pushed and signed as tag \"([^\"]+)\"$")
  public void hostileSigned(String hostile, String tag) {
    Image image = Image.of(TestImages.hostileLayers(hostile));
    remember(tag, image, world.backend.publish(tag, image));
    world.signed.put(tag, tag);
    world.attacks.add("the publisher signed tag \"" + tag + "\" to an image whose layer holds " + hostile);
  }

  @Given("^an image \"([^\"]+)\" is pushed as tag \"([^\"]+)\" and signed by a delegated key whose paths do not cover it$")
  public void signedWithoutAuthority(String label, String tag) {
    Image image = Image.of(List.of(TestImages.evil()));
    remember(label, image, world.backend.push(tag, image));
    try {
      world.backend.signWithoutAuthority(tag, image);
    } catch (UnsupportedOperationException e) {
      throw new NotApplicableException(e.getMessage());
    }
    world.attacks.add("a delegated key whose paths do not cover tag \"" + tag + "\" signed it to image \"" + label + "\"");
  }

  @Given("^the puller unpacks at most (\\d+) MiB$")
  public void unpackLimit(long mib) {
    world.limits = world.limits.withUnpack(world.limits.unpack().withMaxUnpackedBytes(mib << 20));
    world.notes.add("unpack limit " + mib + " MiB (the reference puller; the naive puller has none)");
  }

  // ---- the attacker (registry) --------------------------------------------------------------

  @Given("^the registry serves layer (\\d+) of tag \"([^\"]+)\" with content of its own$")
  public void layerOfItsOwn(int n, String tag) {
    Layer genuine = layer(tag, n);
    world.backend.tamperBlob(genuine.digest(), TestImages.evil().bytes());
    world.attacks.add("the registry serves layer " + n + " (" + genuine.digest() + ") of tag \"" + tag + "\" with its own tar.gz");
  }

  @Given("^the registry serves layer (\\d+) of tag \"([^\"]+)\" with the content of layer (\\d+) of tag \"([^\"]+)\"$")
  public void swappedLayer(int n, String tag, int m, String otherTag) {
    Layer genuine = layer(tag, n);
    Layer other = layerOfPushed(otherTag, m);
    world.backend.tamperBlob(genuine.digest(), other.bytes());
    world.attacks.add("the registry serves layer " + n + " of tag \"" + tag + "\" (" + genuine.digest() + ") with valid layer " + m
        + " of tag \"" + otherTag + "\" (" + other.digest() + ")");
  }

  @Given("^the registry serves layer (\\d+) of tag \"([^\"]+)\" with " + TestImages.HOSTILE + "$")
  public void hostileInPlace(int n, String tag, String hostile) {
    Layer genuine = layer(tag, n);
    List<Layer> layers = TestImages.hostileLayers(hostile);
    world.backend.tamperBlob(genuine.digest(), layers.get(layers.size() - 1).bytes());
    world.attacks.add("the registry serves layer " + n + " of tag \"" + tag + "\" (" + genuine.digest() + ") with " + hostile);
  }

  @Given("^the registry answers (tag \"[^\"]+\"|the manifest of image \"[^\"]+\"|tag \"[^\"]+\" and manifest of \"[^\"]+\") with image \"([^\"]+)\"$")
  public void replay(String what, String oldLabel) {
    Image old = world.image(oldLabel);
    java.util.regex.Matcher both = java.util.regex.Pattern.compile("tag \"([^\"]+)\" and manifest of \"([^\"]+)\"").matcher(what);
    java.util.regex.Matcher tag = java.util.regex.Pattern.compile("tag \"([^\"]+)\"").matcher(what);
    java.util.regex.Matcher manifest = java.util.regex.Pattern.compile("the manifest of image \"([^\"]+)\"").matcher(what);
    if (both.matches()) {
      world.backend.tamperTag(both.group(1), old.manifestDigest());
      Image current = world.image(both.group(2));
      world.backend.tamperManifest(current.manifestDigest(), old.manifestMediaType(), old.manifest());
    } else if (tag.matches()) {
      world.backend.tamperTag(tag.group(1), old.manifestDigest());
    } else if (manifest.matches()) {
      Image current = world.image(manifest.group(1));
      world.backend.tamperManifest(current.manifestDigest(), old.manifestMediaType(), old.manifest());
    } else {
      throw new IllegalArgumentException(what);
    }
    world.attacks.add("the registry answers " + what + " with image \"" + oldLabel + "\" (" + old.manifestDigest() + ")");
  }

  @Given("^the registry answers the manifest of tag \"([^\"]+)\" with one that (adds a layer of its own|drops its last layer|reverses the order of layers)$")
  public void changedManifest(String tag, String change) {
    Image signed = world.signedImage(tag);
    List<Layer> layers = new ArrayList<>(signed.layers());
    switch (change) {
      case "adds a layer of its own" -> {
        Layer extra = TestImages.evil();
        world.backend.pushBlob(extra.bytes());
        layers.add(extra);
      }
      case "drops its last layer" -> layers.remove(layers.size() - 1);
      default -> Collections.reverse(layers);
    }
    Image changed = Image.of(signed.manifestMediaType(), layers);
    world.backend.tamperManifest(signed.manifestDigest(), changed.manifestMediaType(), changed.manifest());
    world.attacks.add("the registry answers the signed manifest " + signed.manifestDigest() + " of tag \"" + tag + "\" with one that "
        + change + " (" + changed.manifestDigest() + ")");
  }

  private void remember(String label, Image image, Digest digest) {
    world.images.put(label, image);
    world.digests.put(label, digest);
  }

  private Layer layer(String tag, int n) {
    Image image = world.signedImage(tag);
    return nth(image, n, "tag \"" + tag + "\"");
  }

  private Layer layerOfPushed(String tag, int n) {
    String label = world.pushedTags.getOrDefault(tag, world.signed.get(tag));
    if (label == null) {
      throw new IllegalArgumentException("no image was pushed as tag \"" + tag + "\" in this scenario");
    }
    return nth(world.image(label), n, "tag \"" + tag + "\"");
  }

  private static Layer nth(Image image, int n, String what) {
    if (n < 1 || n > image.layers().size()) {
      throw new IllegalArgumentException(what + " has " + image.layers().size() + " layers, not " + n);
    }
    return image.layers().get(n - 1);
  }
}
