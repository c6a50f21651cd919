package dev.mallory.registry.pull;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Deleting unpacked trees safely: never following a symlink, fixing modes that block deletion. */
final class Trees {
  private Trees() {}

  static void delete(Path p) throws IOException {
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
      } catch (UnsupportedOperationException | IOException ignored) {
        // not POSIX, or already fine
      }
      try (DirectoryStream<Path> children = Files.newDirectoryStream(p)) {
        for (Path child : children) {
          delete(child);
        }
      }
    }
    Files.deleteIfExists(p);
  }
}
