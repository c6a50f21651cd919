package dev.mallory.registry.pull;

import dev.mallory.registry.Descriptor;
import dev.mallory.registry.Digest;
import dev.mallory.registry.ImageManifest;
import dev.mallory.registry.MediaTypes;
import dev.mallory.registry.RegistryClient;
import dev.mallory.registry.archive.TarEntry;
import dev.mallory.registry.archive.TarReader;
import dev.mallory.registry.errors.ManifestDigestMismatchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;

/**
 * The positive control: a pull modelled on Docker 1.3's "verified" pull (Rudenberg, "Docker Image
 * Insecurity", 2014; tuf-attacks.md 5.3). The manifest is checked against the signed tag, so the
 * pull reports "verified", but each layer is streamed straight into decompress-and-untar and its
 * checksum is only compared afterwards, producing a warning (Docker's {@code log.Warnf("image layer
 * checksum mismatch")}) and no error. A tampered layer therefore ends up on disk.
 *
 * <p>Teaching-safe: it writes only regular files and directories whose path stays inside
 * {@code area}, skips links and devices, and stops at {@link #MAX_UNPACKED} bytes, so running it
 * against hostile images cannot harm the machine running the tests.
 */
public final class NaivePull {
  public static final long MAX_UNPACKED = 1L << 30;
  private final RegistryClient registry;
  private final String name;
  private final TagResolver trust;

  /** What the naive client reports: its "verified" claim, the warnings it logged, the files it wrote. */
  public record Result(boolean claimsVerified, List<String> warnings, List<Path> written) {}

  public NaivePull(RegistryClient registry, String name, TagResolver trust) {
    this.registry = registry;
    this.name = name;
    this.trust = trust;
  }

  public Result pull(String tag, Path area) {
    SignedTag signed = trust.resolve(tag);
    // The one check Docker 1.3 did make: the manifest is the signed one.
    RegistryClient.Fetched fetched = registry.getManifest(name, signed.manifestDigest().toString(), signed.manifestLength());
    if (fetched.overCap() || !Digest.of(fetched.bytes()).equals(signed.manifestDigest())) {
      throw new ManifestDigestMismatchException(signed.manifestDigest().toString(), signed.manifestLength(),
          Digest.of(fetched.bytes()).toString(), fetched.bytes().length);
    }
    ImageManifest manifest = ImageManifest.parse(fetched.bytes(), fetched.contentType());
    List<String> warnings = new ArrayList<>();
    List<Path> written = new ArrayList<>();
    try {
      Files.createDirectories(area);
      Path root = area.toRealPath();
      long[] budget = {MAX_UNPACKED};
      for (Descriptor layer : manifest.layers()) {
        Digest got = streamIntoArea(layer, root, budget, written);
        if (!got.equals(layer.digest())) {
          warnings.add("image layer checksum mismatch: " + layer.digest() + " computed " + got); // and carry on
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Result(true, warnings, written);
  }

  /** Download, decompress and untar in one pass (the hash is a by-product, looked at afterwards). */
  private Digest streamIntoArea(Descriptor layer, Path root, long[] budget, List<Path> written) throws IOException {
    MessageDigest sha = Digest.sha256();
    PipedInputStream pipeIn = new PipedInputStream(256 * 1024);
    PipedOutputStream pipeOut = new PipedOutputStream(pipeIn);
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Thread downloader = new Thread(() -> {
      try (OutputStream out = pipeOut) {
        // No cap from the manifest either: it trusts the registry for the size too (bounded only
        // by the teaching-safety limit).
        registry.getBlob(name, layer.digest(), MAX_UNPACKED, (b, o, n) -> {
          sha.update(b, o, n);
          out.write(b, o, n);
        });
      } catch (IOException | RuntimeException e) {
        failure.set(e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e));
      }
    }, "naive-pull-download");
    downloader.setDaemon(true);
    downloader.start();
    try (InputStream raw = pipeIn;
        InputStream tar = MediaTypes.GZIP_LAYERS.contains(layer.mediaType()) ? new GZIPInputStream(raw, 64 * 1024) : raw) {
      TarReader reader = new TarReader(tar, MAX_UNPACKED);
      for (Optional<TarEntry> e = reader.next(); e.isPresent(); e = reader.next()) {
        Path p = root.resolve(e.get().name()).normalize();
        if (!p.startsWith(root) || p.equals(root) || Files.isSymbolicLink(p)) {
          continue; // teaching-safety only: never leave the area
        }
        if (e.get().type() == TarEntry.DIRECTORY) {
          Files.createDirectories(p);
        } else if (e.get().isFile()) {
          Files.createDirectories(p.getParent());
          try (OutputStream out = Files.newOutputStream(p, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            budget[0] -= reader.data().transferTo(out);
          }
          written.add(p);
          if (budget[0] < 0) {
            throw new IllegalStateException("naive pull stopped at its teaching-safety limit");
          }
        }
      }
      tar.transferTo(OutputStream.nullOutputStream());
    } finally {
      try {
        downloader.join(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return Digest.of(sha);
  }
}
