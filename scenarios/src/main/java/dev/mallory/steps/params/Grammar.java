package dev.mallory.steps.params;

/** The regular expressions of features/README.md ("Parameters"), verbatim in meaning. */
public final class Grammar {
  private Grammar() {}

  public static final String ROLE = "(?:root|timestamp|snapshot|targets|role \"[^\"]+\")";
  public static final String FILE = "(?:" + ROLE + "|target \"[^\"]+\")";
  public static final String GROUP = "(?:the " + ROLE + "(?:(?:, | and )" + ROLE + ")* keys?|\\d+ of the " + ROLE + " keys)";
  public static final String KEYS = "(?:no keys|" + GROUP + "(?:(?:, | and )" + GROUP + ")*)";
  public static final String REASON_WORD = "(?:an? )?(?:rollback|version mismatch|expired metadata|missing signatures"
      + "|length or hash mismatch|oversized download|wrong metadata type|target not found|slow retrieval"
      + "|unsafe path|invalid metadata)";
  /** REASON[ or REASON]... */
  public static final String REASONS = REASON_WORD + "(?: or " + REASON_WORD + ")*";
  public static final String RESPONSE = "(?:status \\d{3}|a connection reset|an empty body|malformed JSON)";
  public static final String LISTING = "(?:versions, lengths and hashes|only versions)";
  public static final String DURATION = "(?:\\d+ (?:seconds?|minutes?|hours?|days?))";

}
