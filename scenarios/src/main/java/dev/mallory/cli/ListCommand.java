package dev.mallory.cli;

import dev.mallory.engine.Catalogue;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mallory list}: the catalogue, one scenario per line. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Print the attack catalogue: id, attack class, spec steps, title.")
final class ListCommand implements Callable<Integer> {
  @Option(names = "--features", description = "Feature file or directory (default: the project's features/).")
  Path features;

  @Option(names = "--tags", description = "Cucumber tag expression, e.g. '@rollback and not @waits'.")
  String tags;

  @Override
  public Integer call() {
    List<Catalogue.Entry> entries =
        Catalogue.read(features != null ? features : ProjectLayout.features(), Optional.ofNullable(tags));
    for (Catalogue.Entry e : entries) {
      System.out.printf("%-90s %-24s %-22s %s%n", e.id(), e.attackClass(), String.join(",", e.specSteps()), e.title());
    }
    System.out.println(entries.size() + " scenarios");
    return Mallory.OK;
  }
}
