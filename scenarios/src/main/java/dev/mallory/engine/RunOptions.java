package dev.mallory.engine;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How to run the catalogue.
 *
 * @param features a directory of .feature files (or one file)
 * @param tags a Cucumber tag expression selecting scenarios, if any
 * @param threads scenarios run in parallel (each builds its own repository, server and proxy)
 * @param workDir where scenarios keep their files; a fresh subdirectory per run
 * @param name a regular expression a scenario's title must contain (Cucumber's {@code --name}), if any
 * @param order Cucumber's execution order: {@code lexical}, {@code reverse}, {@code random} or
 *     {@code random:SEED}; scenarios are independent, so any order gives the same verdicts
 */
public record RunOptions(Path features, Optional<String> tags, int threads, Path workDir, Optional<String> name, String order) {
  private static final Pattern ORDER = Pattern.compile("lexical|reverse|random(:-?\\d{1,19})?");

  public RunOptions {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
    if (!ORDER.matcher(order).matches()) {
      throw new IllegalArgumentException("order must be lexical, reverse, random or random:SEED, not '" + order + "'");
    }
    name.ifPresent(regex -> {
      try {
        Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException("--name is not a valid regular expression: " + e.getDescription());
      }
    });
  }

  /** Every selected scenario, in file order. */
  public RunOptions(Path features, Optional<String> tags, int threads, Path workDir) {
    this(features, tags, threads, workDir, Optional.empty(), "lexical");
  }

  /** Only the scenarios whose title matches {@code regex}. */
  public RunOptions withName(String regex) {
    return new RunOptions(features, tags, threads, workDir, Optional.of(regex), order);
  }

  public RunOptions withOrder(String order) {
    return new RunOptions(features, tags, threads, workDir, name, order);
  }
}
