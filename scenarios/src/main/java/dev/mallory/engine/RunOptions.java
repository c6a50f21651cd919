package dev.mallory.engine;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How to run the catalogue.
 *
 * @param features a directory of .feature files (or one file)
 * @param tags a Cucumber tag expression selecting scenarios, if any
 * @param threads scenarios run in parallel (each builds its own repository, server and proxy)
 * @param workDir where scenarios keep their files; a fresh subdirectory per run
 */
public record RunOptions(Path features, Optional<String> tags, int threads, Path workDir) {
  public RunOptions {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
  }
}
