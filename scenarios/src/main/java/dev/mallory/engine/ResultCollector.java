package dev.mallory.engine;

import dev.mallory.report.Evidence;
import dev.mallory.report.ScenarioResult;
import dev.mallory.report.Verdict;
import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestCaseFinished;
import java.util.ArrayList;
import java.util.List;

/**
 * The Cucumber plugin that turns each finished scenario into a {@link ScenarioResult}: the verdict
 * from how it ended ({@link VerdictPolicy}), the evidence the scenario's world recorded, and the
 * system's expected failures applied strictly.
 */
public final class ResultCollector implements ConcurrentEventListener {
  /** Attack classes of the specification (and the implementation-bug family), as feature tags. */
  static final List<String> ATTACK_CLASSES = List.of(
      "arbitrary-installation", "endless-data", "extraneous-dependencies", "fast-forward",
      "indefinite-freeze", "freeze", "malicious-mirrors", "mix-and-match", "rollback", "slow-retrieval",
      "key-compromise", "wrong-software", "trust-on-first-use", "implementation-bug", "server-validation",
      "content-trust");

  @Override
  public void setEventPublisher(EventPublisher publisher) {
    publisher.registerHandlerFor(TestCaseFinished.class, this::finished);
  }

  private void finished(TestCaseFinished event) {
    RunContext context = RunContext.current();
    TestCase testCase = event.getTestCase();
    List<String> tags = testCase.getTags();
    String feature = ScenarioIds.featureName(testCase.getUri());
    String id = ScenarioIds.of(testCase.getUri(), testCase.getName());
    Verdict verdict = VerdictPolicy.of(event.getResult(), tags);
    boolean listed = context.expectedToFail().test(id, feature, tags);
    Verdict judged = VerdictPolicy.withExpectation(verdict, listed);
    Evidence evidence = withOutcome(context.evidenceFor(testCase.getId().toString()), event, verdict, judged);
    context.deliver(new ScenarioResult(id, feature, testCase.getName(), attackClass(tags, feature),
        specSteps(tags), tags, context.systemName(), judged, evidence, event.getResult().getDuration()));
  }

  private static Evidence withOutcome(Evidence evidence, TestCaseFinished event, Verdict raw, Verdict judged) {
    List<String> notes = new ArrayList<>(evidence.notes());
    Throwable error = event.getResult().getError();
    if (error != null) {
      notes.add((error instanceof VerdictException || error instanceof NotApplicableException
          ? "" : error.getClass().getSimpleName() + ": ") + error.getMessage());
    }
    if (raw != judged) {
      notes.add("observed " + raw + "; listed in the expected-failures file, so " + judged);
    }
    return new Evidence(evidence.attack(), evidence.exchanges(), evidence.outcome(), evidence.trustedAfter(), notes);
  }

  static String attackClass(List<String> tags, String feature) {
    for (String tag : tags) {
      String name = tag.substring(1);
      if (ATTACK_CLASSES.contains(name)) {
        return name;
      }
    }
    return feature.replace('_', '-');
  }

  static List<String> specSteps(List<String> tags) {
    return tags.stream().filter(t -> t.matches("@tuf-\\d.*")).map(t -> t.substring("@tuf-".length())).toList();
  }
}
