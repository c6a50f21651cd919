package dev.mallory.sut.notary;

import dev.mallory.client.errors.Reason;
import dev.mallory.sut.ReasonClassifier;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reasons from the notary 0.7.0 client's {@code * fatal: ...} line (stdout; logrus lines on stderr
 * carry only network detail). The notary-specific messages below were observed with the real
 * client behind a tampering proxy; anything else falls through to the generic
 * {@link ReasonClassifier} rules, which already cover notary's {@code "version 1 is lower than
 * current version 2"} (rollback), {@code "valid signatures did not meet threshold for timestamp"},
 * {@code "... expired at ..."} and {@code "sha256 checksum for v1 did not match"}.
 */
public final class NotaryReasons {
  private NotaryReasons() {}

  record Rule(Reason reason, Pattern pattern) {
    static Rule of(Reason reason, String regex) {
      return new Rule(reason, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
    }
  }

  /** Tried in order before the generic rules. */
  static final List<Rule> RULES = List.of(
      // data.ErrInvalidMetadata prints "<role> type metadata invalid: <why>": the word "type" names
      // the error, not a type confusion, unless the why is a _type mismatch.
      Rule.of(Reason.WRONG_METADATA_TYPE, "type metadata invalid: expected type"),
      Rule.of(Reason.INVALID_METADATA, "type metadata invalid"),
      // ErrMaliciousServer: the response was longer than the size the client allows for the role.
      Rule.of(Reason.OVERSIZED_DOWNLOAD, "trust server returned a bad response"),
      // A root (or its certificate) that does not chain to what the client trusts or pins.
      Rule.of(Reason.MISSING_SIGNATURES, "could not validate the path to a trusted root|unable to match any certificates to trust_pinning|invalid trust pinning"),
      // ErrInvalidOperation for lookup/verify: no trusted role lists the target.
      Rule.of(Reason.TARGET_NOT_FOUND, "no valid trust data for|no trust data for .* target"),
      // 404 on a role (ErrMetaNotFound), no repository (ErrRepositoryNotExist), offline (ping failed), 5xx.
      Rule.of(Reason.DOWNLOAD_ERROR, "trust data unavailable|does not have trust data|client is offline|unable to reach trust server"),
      // Go's JSON decoder.
      Rule.of(Reason.INVALID_METADATA, "invalid character|cannot unmarshal|unexpected end of json|json: "));

  /** The notary error line: the last {@code * fatal:} line of stdout, else the generic error line. */
  public static String errorLine(String stdout, String stderr) {
    String fatal = "";
    for (String line : stdout.split("\\R")) {
      if (line.startsWith("* fatal:")) {
        fatal = line.strip();
      }
    }
    return fatal.isEmpty() ? ReasonClassifier.errorLine(stderr, stdout) : fatal;
  }

  /** The reason a fatal line names, or empty when it names none. */
  public static Optional<Reason> classify(String errorLine) {
    if (errorLine == null || errorLine.isBlank()) {
      return Optional.empty();
    }
    for (Rule rule : RULES) {
      if (rule.pattern().matcher(errorLine).find()) {
        return Optional.of(rule.reason());
      }
    }
    return ReasonClassifier.classifyLine(errorLine);
  }
}
