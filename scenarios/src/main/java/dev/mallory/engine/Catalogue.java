package dev.mallory.engine;

import io.cucumber.gherkin.GherkinParser;
import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.Pickle;
import io.cucumber.messages.types.PickleTag;
import io.cucumber.tagexpressions.Expression;
import io.cucumber.tagexpressions.TagExpressionParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The scenarios of a features directory, read with the Gherkin parser (no step runs). */
public final class Catalogue {
  /** One scenario (one row of an outline). */
  public record Entry(String id, String feature, String title, String attackClass, List<String> specSteps, List<String> tags) {}

  /** A feature file that is not valid Gherkin. */
  public static final class InvalidFeatureException extends RuntimeException {
    InvalidFeatureException(String message) {
      super(message);
    }
  }

  private Catalogue() {}

  public static List<Entry> read(Path features, Optional<String> tagExpression) {
    Expression filter = tagExpression.map(TagExpressionParser::parse).orElse(null);
    List<Entry> entries = new ArrayList<>();
    for (Path file : featureFiles(features)) {
      for (Pickle pickle : pickles(file)) {
        List<String> tags = pickle.getTags().stream().map(PickleTag::getName).toList();
        if (filter != null && !filter.evaluate(tags)) {
          continue;
        }
        String feature = ScenarioIds.featureName(file.toUri());
        entries.add(new Entry(ScenarioIds.of(file.toUri(), pickle.getName()), feature, pickle.getName(),
            ResultCollector.attackClass(tags, feature), ResultCollector.specSteps(tags), tags));
      }
    }
    return entries;
  }

  private static List<Pickle> pickles(Path file) {
    GherkinParser parser = GherkinParser.builder().includeSource(false).includeGherkinDocument(false).build();
    List<Pickle> pickles = new ArrayList<>();
    try (Stream<Envelope> envelopes = parser.parse(file)) {
      envelopes.forEach(e -> {
        e.getParseError().ifPresent(err -> {
          throw new InvalidFeatureException(file + ": " + err.getMessage());
        });
        e.getPickle().ifPresent(pickles::add);
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return pickles;
  }

  static List<Path> featureFiles(Path features) {
    if (Files.isRegularFile(features)) {
      return List.of(features);
    }
    try (Stream<Path> walk = Files.walk(features)) {
      return walk.filter(p -> p.toString().endsWith(".feature")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list features in " + features, e);
    }
  }
}
