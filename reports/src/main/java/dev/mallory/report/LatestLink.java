package dev.mallory.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Points {@code <outRoot>/latest} at the newest run: a relative symbolic link, replaced by a rename
 * so readers never see it missing; a copy of the run where the file system has no symbolic links.
 */
final class LatestLink {
  static final String NAME = "latest";

  private LatestLink() {}

  static void update(Path outRoot, Path runDir) throws IOException {
    Path latest = outRoot.resolve(NAME);
    Path tmp = outRoot.resolve("." + NAME + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    try {
      Files.createSymbolicLink(tmp, runDir.getFileName());
      if (Files.isDirectory(latest, LinkOption.NOFOLLOW_LINKS)) {
        AllureSite.deleteTree(latest); // a copy left by a file system without links
      }
      Files.move(tmp, latest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (UnsupportedOperationException | IOException e) {
      Files.deleteIfExists(tmp);
      copy(runDir, latest);
    }
  }

  private static void copy(Path runDir, Path latest) throws IOException {
    if (Files.isSymbolicLink(latest)) {
      Files.delete(latest);
    } else {
      AllureSite.deleteTree(latest);
    }
    try (Stream<Path> all = Files.walk(runDir)) {
      for (Path p : all.toList()) {
        Path target = latest.resolve(runDir.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
