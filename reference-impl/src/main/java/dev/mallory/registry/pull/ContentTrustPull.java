package dev.mallory.registry.pull;

import dev.mallory.registry.Descriptor;
import dev.mallory.registry.Digest;
import dev.mallory.registry.ImageManifest;
import dev.mallory.registry.MediaTypes;
import dev.mallory.registry.RegistryClient;
import dev.mallory.registry.archive.SafeUnpacker;
import dev.mallory.registry.errors.LayerDigestMismatchException;
import dev.mallory.registry.errors.MalformedManifestException;
import dev.mallory.registry.errors.ManifestDigestMismatchException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * A Docker-Content-Trust pull that verifies before it touches anything:
 *
 * <ol>
 *   <li>tag to manifest digest and length through signed targets ({@link TagResolver});
 *   <li>the manifest fetched <em>by digest</em>, capped at the signed length, and its length and
 *       SHA-256 compared before it is parsed ({@link ManifestDigestMismatchException});
 *   <li>the config and every layer fetched by digest, capped at the size the verified manifest
 *       gives, and compared ({@link LayerDigestMismatchException}): all of them before the first
 *       byte is decompressed (the Docker 1.3 flaw was to decompress and untar first);
 *   <li>decompression and unpacking with bounds and path confinement ({@link SafeUnpacker}), into
 *       a staging directory next to the target root, renamed into place only when everything
 *       succeeded: a failed pull leaves the target root as it was.
 * </ol>
 */
public final class ContentTrustPull {
  private final RegistryClient registry;
  private final String name;
  private final TagResolver trust;
  private final PullLimits limits;

  public ContentTrustPull(RegistryClient registry, String name, TagResolver trust, PullLimits limits) {
    this.registry = registry;
    this.name = name;
    this.trust = trust;
    this.limits = limits;
  }

  /** Docker's GUN for an image: {@code <registry-host>/<name>}, e.g. {@code 127.0.0.1:5000/example/app}. */
  public static String gun(RegistryClient registry, String name) {
    return registry.host() + "/" + name;
  }

  /**
   * Pulls {@code tag} and unpacks its layers into {@code targetRoot}, which must be absent or an
   * empty directory. Every refusal is a typed {@code ContentTrustException}.
   */
  public PullResult pull(String tag, Path targetRoot) {
    Path target = targetRoot.toAbsolutePath().normalize();
    checkTarget(target);
    SignedTag signed = trust.resolve(tag);
    ImageManifest manifest = fetchManifest(signed);
    long declared = 0;
    for (Descriptor layer : manifest.layers()) {
      if (!MediaTypes.isLayer(layer.mediaType())) {
        throw new MalformedManifestException("unsupported layer media type " + layer.mediaType());
      }
      declared += layer.size();
    }
    if (declared > limits.maxImageBytes()) {
      throw new MalformedManifestException("layers total " + declared + " bytes, more than " + limits.maxImageBytes());
    }
    verifyConfig(manifest.config());
    Path staging = null;
    try {
      Files.createDirectories(target.getParent());
      staging = Files.createTempDirectory(target.getParent(), ".pull-");
      Path blobs = Files.createDirectory(staging.resolve("blobs"));
      List<Path> files = new ArrayList<>();
      for (Descriptor layer : manifest.layers()) {
        files.add(download(layer, blobs)); // every layer verified ...
      }
      Path rootfs = Files.createDirectory(staging.resolve("rootfs"));
      SafeUnpacker unpacker = new SafeUnpacker(rootfs, limits.unpack());
      for (int i = 0; i < files.size(); i++) { // ... before the first one is decompressed
        Descriptor layer = manifest.layers().get(i);
        unpacker.unpackLayer(files.get(i), MediaTypes.GZIP_LAYERS.contains(layer.mediaType()), layer.digest().toString());
        Files.delete(files.get(i));
      }
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        Files.delete(target); // checked empty above; the move below needs the name free
      }
      Files.move(rootfs, target, StandardCopyOption.ATOMIC_MOVE);
      return new PullResult(signed, signed.manifestDigest(), files.size(), declared, unpacker.unpackedBytes(),
          unpacker.entries(), target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(staging);
    }
  }

  private ImageManifest fetchManifest(SignedTag signed) {
    if (signed.manifestLength() > limits.maxManifestBytes()) {
      throw new MalformedManifestException("signed manifest length " + signed.manifestLength() + " above the limit");
    }
    // By digest, never by tag: the registry's tag is attacker-controlled, the signed digest is not.
    RegistryClient.Fetched fetched = registry.getManifest(name, signed.manifestDigest().toString(), signed.manifestLength());
    byte[] bytes = fetched.bytes();
    if (fetched.overCap()) {
      throw new ManifestDigestMismatchException(signed.manifestDigest().toString(), signed.manifestLength(), null, bytes.length + 1L);
    }
    Digest found = Digest.of(bytes);
    if (bytes.length != signed.manifestLength() || !found.equals(signed.manifestDigest())) {
      throw new ManifestDigestMismatchException(signed.manifestDigest().toString(), signed.manifestLength(), found.toString(), bytes.length);
    }
    return ImageManifest.parse(bytes, fetched.contentType()); // only verified bytes are parsed
  }

  private void verifyConfig(Descriptor config) {
    if (config.size() > limits.maxConfigBytes()) {
      throw new MalformedManifestException("config of " + config.size() + " bytes, above the limit");
    }
    MessageDigest sha = Digest.sha256();
    long got = registry.getBlob(name, config.digest(), config.size(), (b, o, n) -> sha.update(b, o, n));
    check(config, sha, got);
  }

  /** Streams one blob into {@code dir} while hashing; capped at the manifest's size. */
  private Path download(Descriptor layer, Path dir) throws IOException {
    Path file = dir.resolve(layer.digest().hex());
    MessageDigest sha = Digest.sha256();
    long got;
    try (OutputStream out = Files.newOutputStream(file)) {
      got = registry.getBlob(name, layer.digest(), layer.size(), (b, o, n) -> {
        sha.update(b, o, n);
        out.write(b, o, n);
      });
    }
    check(layer, sha, got);
    return file;
  }

  private static void check(Descriptor d, MessageDigest sha, long got) {
    if (got > d.size()) {
      throw new LayerDigestMismatchException(d.digest().toString(), d.size(), null, got);
    }
    Digest found = Digest.of(sha);
    if (got != d.size() || !found.equals(d.digest())) {
      throw new LayerDigestMismatchException(d.digest().toString(), d.size(), found.toString(), got);
    }
  }

  private static void checkTarget(Path target) {
    if (Files.isSymbolicLink(target)) {
      throw new IllegalArgumentException("target root " + target + " is a symlink");
    }
    if (Files.exists(target)) {
      try (var children = Files.list(target)) {
        if (!Files.isDirectory(target) || children.findAny().isPresent()) {
          throw new IllegalArgumentException("target root " + target + " must be absent or an empty directory");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try {
      Trees.delete(dir);
    } catch (IOException e) {
      // best effort: a leftover hidden staging directory holds only verified or partial data
    }
  }
}
