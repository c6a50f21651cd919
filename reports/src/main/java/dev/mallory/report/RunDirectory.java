package dev.mallory.report;

/**
 * The directory name of a run. The run id comes from the engine (or a user's flag), so it is made
 * a single safe path segment: it can neither climb out of the output root nor collide with
 * {@code latest}.
 */
final class RunDirectory {
  private RunDirectory() {}

  static String name(String runId) {
    String safe = (runId == null ? "" : runId).replaceAll("[^A-Za-z0-9._-]", "-");
    if (safe.isEmpty() || safe.chars().allMatch(c -> c == '.') || safe.equals(LatestLink.NAME)
        || safe.startsWith(".")) {
      safe = "run-" + safe.replace('.', '-');
    }
    return safe.length() > 120 ? safe.substring(0, 120) : safe;
  }
}
