package dev.mallory.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the checkout's directories for defaults such as {@code features/} and {@code reports/out}. */
final class ProjectLayout {
  private ProjectLayout() {}

  static Path root() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("features")) && Files.isDirectory(p.resolve("scenarios"))) {
        return p;
      }
    }
    return Path.of("").toAbsolutePath();
  }

  static Path features() {
    return root().resolve("features");
  }

  static Path reportsOut() {
    return root().resolve("reports").resolve("out");
  }
}
