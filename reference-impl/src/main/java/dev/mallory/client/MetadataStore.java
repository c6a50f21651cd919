package dev.mallory.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Trusted metadata on disk: one unversioned {@code ROLE.json} per role, byte-identical to what the
 * repository served, the name percent-encoded ({@code ../x} is stored as {@code ..%2Fx.json}).
 * Written only after {@link TrustedMetadataSet} accepted the bytes, atomically (temp file in the
 * same directory, then ATOMIC_MOVE), so a crash or a refused update never leaves a half-written or
 * unverified file (CVE-2020-15163).
 */
public final class MetadataStore {
  private final Path dir;

  public MetadataStore(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  public Path dir() {
    return dir;
  }

  public Path fileFor(String role) {
    return Names.confined(dir, Names.quote(role) + ".json", role);
  }

  /** The stored bytes, if present and not larger than {@code maxLength} (a bigger file is ignored). */
  public Optional<byte[]> read(String role, long maxLength) {
    Path file = fileFor(role);
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > maxLength) {
        return Optional.empty();
      }
      try (InputStream in = Files.newInputStream(file)) {
        byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxLength + 1));
        return data.length > maxLength ? Optional.empty() : Optional.of(data);
      }
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public void write(String role, byte[] data) {
    writeAtomically(dir, fileFor(role), data);
  }

  public void delete(String role) {
    try {
      Files.deleteIfExists(fileFor(role));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void writeAtomically(Path dir, Path target, byte[] data) {
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, ".tmp-", ".part");
      Files.write(tmp, data);
      moveAtomically(tmp, target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  static void moveAtomically(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // best effort: a leftover temp file is hidden and never read as metadata
      }
    }
  }
}
