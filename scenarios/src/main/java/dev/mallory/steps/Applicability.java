package dev.mallory.steps;

import dev.mallory.engine.NotApplicableException;
import dev.mallory.sut.Capability;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * NOT_APPLICABLE is decided before anything runs, from the scenario's tags and the client's
 * capabilities (features/README.md, "Verdicts" and "Tags").
 */
final class Applicability {
  private static final Map<String, Capability> NEEDS = Map.of(
      "@delegations", Capability.DELEGATIONS,
      "@download", Capability.DOWNLOAD,
      "@no-consistent-snapshot", Capability.NO_CONSISTENT_SNAPSHOT,
      "@tuf-layout", Capability.TUF_LAYOUT);

  private Applicability() {}

  static void check(List<String> tags, Set<Capability> capabilities) {
    for (String tag : tags) {
      Capability needed = NEEDS.get(tag);
      if (needed != null && !capabilities.contains(needed)) {
        throw new NotApplicableException("the client under test lacks " + needed + " (" + tag + ")");
      }
    }
    if (tags.contains("@target-fetch") && capabilities.contains(Capability.TARGETS_HANDED_IN)) {
      throw new NotApplicableException("the client under test has no downloader: Mallory fetches the target bytes and hands "
          + "them to it to verify, so how the download is bounded is not the client's (@target-fetch)");
    }
    if (tags.contains("@mirrors") && !capabilities.contains(Capability.MIRRORS)) {
      throw new NotApplicableException("the client under test accepts a single repository URL (@mirrors)");
    }
    if (!capabilities.contains(Capability.TUF_LAYOUT) && !capabilities.contains(Capability.NOTARY_API)) {
      throw new IllegalStateException("the client under test speaks neither the TUF 1.0 layout nor the Notary API");
    }
  }
}
