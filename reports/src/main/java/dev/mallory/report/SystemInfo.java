package dev.mallory.report;

/**
 * How a system under test introduces itself in the reports.
 *
 * @param name the name used in {@link ScenarioResult#system()}
 * @param kind its part in the run
 * @param description one line for people ({@code tuf-js 5.0.1 through the conformance CLI})
 */
public record SystemInfo(String name, SystemKind kind, String description) {
  public SystemInfo {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a system needs a name");
    }
    kind = kind == null ? SystemKind.UNDER_TEST : kind;
    description = description == null ? "" : description;
  }

  /** What the reports assume about a system the engine did not describe. */
  public static SystemInfo unknown(String name) {
    return new SystemInfo(name, SystemKind.UNDER_TEST, "");
  }
}
