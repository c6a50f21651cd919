package dev.mallory.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Trusted metadata on disk: one unversioned {@code ROLE.json} per role, byte-identical to what the
 * repository served, the name percent-encoded ({@code ../x} is stored as {@code ..%2Fx.json}).
 * Written only after {@link TrustedMetadataSet} accepted the bytes, atomically (temp file in the
 * same directory, then ATOMIC_MOVE), so a crash or a refused update never leaves a half-written or
 * unverified file (CVE-2020-15163).
 */
public final class MetadataStore {
  private static final long PID = ProcessHandle.current().pid();
  private static final AtomicLong TEMP_NAMES = new AtomicLong();
  private static final Set<StandardOpenOption> EXCLUSIVE_WRITE =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  private static final FileAttribute<?>[] OWNER_ONLY = ownerOnly();

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
    writeAtomically(fileFor(role), data);
  }

  public void delete(String role) {
    try {
      Files.deleteIfExists(fileFor(role));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeAtomically(Path target, byte[] data) {
    Path tmp = null;
    try {
      try {
        tmp = newTempFile(dir, data);
      } catch (NoSuchFileException e) {
        Files.createDirectories(dir); // first write (checked on demand: one stat less per role)
        tmp = newTempFile(dir, data);
      }
      moveAtomically(tmp, target);
      tmp = null; // moved: nothing left to clean up
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  /**
   * A new hidden file holding {@code data}, created exclusively (O_EXCL: never an existing file or
   * a planted link) and owner-only, in one open: with 1,024 hash bins, createTempFile's random
   * name, separate create and second open were a visible share of a cold client's refresh.
   */
  private static Path newTempFile(Path dir, byte[] data) throws IOException {
    while (true) {
      Path tmp = dir.resolve(".tmp-" + PID + "-" + TEMP_NAMES.incrementAndGet() + ".part");
      try (var channel = Files.newByteChannel(tmp, EXCLUSIVE_WRITE, OWNER_ONLY)) {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        return tmp;
      } catch (FileAlreadyExistsException e) {
        // a leftover of an earlier process with the same pid: take the next name
      } catch (IOException e) {
        deleteQuietly(tmp);
        throw e;
      }
    }
  }

  private static FileAttribute<?>[] ownerOnly() {
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    return posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
        : new FileAttribute<?>[0];
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
