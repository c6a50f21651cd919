package dev.mallory.interop;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project's checkout is, for tests that call the shims in scenarios/clients. */
public final class ProjectPaths {
  private ProjectPaths() {}

  public static Path root() {
    String configured = System.getProperty("mallory.root");
    Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
    for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("reference-impl")) && Files.isDirectory(p.resolve("scenarios"))) {
        return p;
      }
    }
    throw new IllegalStateException("cannot find the project root from " + start);
  }

  public static Path tufJs() {
    return root().resolve("scenarios/clients/tuf-js");
  }

  public static Path sigstoreJava() {
    return root().resolve("scenarios/clients/sigstore-java");
  }
}
