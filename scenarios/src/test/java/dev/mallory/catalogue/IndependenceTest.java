package dev.mallory.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallory.engine.Catalogue;
import dev.mallory.engine.RunOptions;
import dev.mallory.report.RunResult;
import dev.mallory.report.ScenarioResult;
import dev.mallory.report.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenarios are independent (issue 6): a sample spread over the catalogue gets the same verdicts
 * when the scenarios run together in parallel in a random order, together one at a time in reverse
 * order, and each alone. A scenario that leaked state into the next (a shared server, a proxy
 * attack not reverted, a client directory reused) would change a verdict in one of the three.
 */
class IndependenceTest {
  private static final int SAMPLE = 6;
  /** Clock-bound scenarios are left out only to keep this test short; they build the same world. */
  private static final String SELECTION = "not @waits and not @slow-retrieval and not @server-validation and not @content-trust";

  @Test
  void aSampleOfScenariosGetsTheSameVerdictsTogetherInAnyOrderAndAlone(@TempDir Path work) {
    Path features = CatalogueProbe.features();
    List<Catalogue.Entry> all = Catalogue.read(features, Optional.of(SELECTION));
    List<Catalogue.Entry> sample = new ArrayList<>();
    for (int i = 0; i < SAMPLE; i++) {
      sample.add(all.get(i * all.size() / SAMPLE + 1)); // spread over the files, which are read in name order
    }
    String titles = sample.stream().map(e -> "^" + Pattern.quote(e.title()) + "$").collect(Collectors.joining("|"));
    RunOptions together = new RunOptions(features, Optional.of(SELECTION), 4, work.resolve("together")).withName(titles);

    Map<String, Verdict> randomParallel = verdicts(CatalogueProbe.reference(together.withOrder("random:20261125")));
    Map<String, Verdict> reverseSerial = verdicts(CatalogueProbe.reference(
        new RunOptions(features, Optional.of(SELECTION), 1, work.resolve("reverse")).withName(titles).withOrder("reverse")));
    Map<String, Verdict> alone = new TreeMap<>();
    for (Catalogue.Entry e : sample) {
      Path file = features.resolve(e.feature() + ".feature");
      alone.putAll(verdicts(CatalogueProbe.reference(new RunOptions(file, Optional.empty(), 1, work.resolve("alone"))
          .withName("^" + Pattern.quote(e.title()) + "$"))));
    }

    assertThat(alone.keySet()).containsExactlyInAnyOrderElementsOf(sample.stream().map(Catalogue.Entry::id).toList());
    assertThat(alone.values()).as("the reference client's verdicts").doesNotContain(Verdict.ERROR, Verdict.VULNERABLE, Verdict.BROKEN);
    assertThat(randomParallel).as("random order, 4 threads").isEqualTo(alone);
    assertThat(reverseSerial).as("reverse order, 1 thread").isEqualTo(alone);
  }

  private static Map<String, Verdict> verdicts(RunResult run) {
    return run.results().stream().collect(Collectors.toMap(ScenarioResult::scenarioId, ScenarioResult::verdict, (a, b) -> {
      throw new IllegalStateException("two results for one scenario id");
    }, TreeMap::new));
  }
}
