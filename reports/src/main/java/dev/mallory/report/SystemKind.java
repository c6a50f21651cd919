package dev.mallory.report;

/**
 * What part a system under test plays in a run. The reports use it to order the matrix (the
 * reference first, naive clients next to it) and to build the teaching view, which contrasts a
 * naive client with the reference.
 */
public enum SystemKind {
  /** Mallory's own honest implementation: what TUF promises, done by the book. */
  REFERENCE("reference"),
  /** A real implementation by someone else (tuf-js, sigstore-java, the notary client, ...). */
  THIRD_PARTY("third-party"),
  /** A deliberately naive client written to show what happens without TUF. */
  NAIVE_TEACHING("naive teaching client"),
  /** Whatever the user pointed Mallory at, when nothing more is known. */
  UNDER_TEST("system under test");

  private final String label;

  SystemKind(String label) {
    this.label = label;
  }

  /** Lower-case words for people ("naive teaching client"); also the value in summary.json. */
  public String label() {
    return label;
  }
}
