package dev.mallory.sut.naive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The client's metadata directory in the conformance layout: {@code ROLE.json}, the exact bytes
 * the server sent, written atomically (temp file + rename) so a failure never leaves half a file
 * that the next run, or Mallory, would read as trusted.
 */
final class LocalMetadata {
  /** Far above any legitimate metadata; a bigger local file is not read. */
  private static final long MAX_LOCAL_BYTES = 16L * 1024 * 1024;

  private LocalMetadata() {}

  static Optional<byte[]> read(Path metadataDir, String role) {
    Path file = metadataDir.resolve(role + ".json");
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > MAX_LOCAL_BYTES) {
        return Optional.empty();
      }
      return Optional.of(Files.readAllBytes(file));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static void write(Path metadataDir, String role, byte[] bytes) {
    writeAtomically(metadataDir.resolve(role + ".json"), bytes);
  }

  static void delete(Path metadataDir, String role) {
    try {
      Files.deleteIfExists(metadataDir.resolve(role + ".json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void writeAtomically(Path file, byte[] bytes) {
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), ".partial-", ".tmp");
      try {
        Files.write(temp, bytes);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
