package dev.mallory.sut;

import dev.mallory.client.errors.Reason;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Infers which protection fired from a black-box client's error text, by the keywords of the
 * specification's protections (section 5 of the TUF spec and python-tuf's error names, which
 * go-tuf, tuf-js and sigstore-java echo).
 *
 * <p>Reasons are evidence, not guesses: when no rule matches, the answer is empty, and a verdict
 * that needs a reason then says the client gave none. The rules are deliberately few and generic
 * (no class name of one implementation is needed for a match), and they are tried in the order
 * below because real messages mix vocabulary: "expired ... no new versions" is about expiry, not
 * versions; "the file at http://... exceeds the max size" is about size, not HTTP.
 *
 * <p>Only the error line is classified: the last non-blank line of stderr (the conformance CLI
 * convention, and where python-tuf, tuf-js and sigstore-java shims print the error), or of stdout
 * when stderr is empty. Debug output above it is ignored, so a log line that happens to say
 * "version" cannot make a reason up.
 */
public final class ReasonClassifier {

  /** One keyword rule. */
  record Rule(Reason reason, Pattern pattern) {
    static Rule of(Reason reason, String regex) {
      return new Rule(reason, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
    }
  }

  private static final String ROLE = "'?(root|timestamp|snapshot|targets)'?";

  /** Most specific first; the first rule that matches wins. */
  static final List<Rule> RULES =
      List.of(
          // 5.7 / B2: a target or role name that would leave the client's directories.
          Rule.of(Reason.UNSAFE_PATH, "unsafe[ _-]?(target[ _-]?)?path|path[ _-]?traversal|outside (of )?the target"),
          // 5.3.10, 5.4.4, 5.5.6, 5.6.5: freeze.
          Rule.of(Reason.EXPIRED, "expired|expiry|expiration"),
          // 5.x.1 and 5.7.3: more bytes than allowed (endless data).
          Rule.of(Reason.OVERSIZED_DOWNLOAD, "max(imum)?[ _-]?(allowed[ _-]?)?(file[ _-]?)?(length|size)|exceed|too (large|big|long)|length ?mismatch.*download|downloadlength"),
          // 5.5.2, 5.6.2, 5.7: bytes that are not the ones signed for.
          Rule.of(Reason.LENGTH_OR_HASH_MISMATCH, "hash|digest|checksum|length"),
          // B4: a validly signed file of one role served as another.
          Rule.of(Reason.WRONG_METADATA_TYPE, "(?<![a-z-])_?type(?![a-z])|expected " + ROLE + ",? (but )?(got|found) " + ROLE),
          // Structurally invalid metadata (threshold below 1, a key id listed twice): the
          // ValueError of python-tuf and tuf-js, checked before the word "threshold" below.
          Rule.of(Reason.INVALID_METADATA, "valueerror|must be at least 1|must be positive|multiple signatures|duplicate (key|signature)"),
          // 5.3.4, 5.4.2, 5.5.3, 5.6.3: threshold of trusted keys not reached.
          Rule.of(Reason.MISSING_SIGNATURES, "signature|threshold|signed by|unsigned|not signed|verif(y|ication) failed"),
          // 5.3.5, 5.4.3, 5.5.4-5, 5.6.4: versions going back or not matching their parent.
          Rule.of(Reason.ROLLBACK, "roll ?back|(?<!spec_)version"),
          // 5.7.1: nothing trusted lists the target.
          Rule.of(Reason.TARGET_NOT_FOUND, "target ?not ?found|no (metadata|info(rmation)?) for (the )?target|has no metadata|no such target|not listed|unknown target"),
          // Slow retrieval (historic): the client gave up waiting.
          Rule.of(Reason.SLOW_RETRIEVAL, "timed? ?out|timeout|slow ?retrieval"),
          // Malformed metadata.
          Rule.of(Reason.INVALID_METADATA, "malformed|deseriali[sz]|not (valid )?json|invalid json|unexpected token|syntaxerror|parse error|cannot parse|could not parse"),
          // Transport: HTTP status, refused or reset connections, missing files.
          Rule.of(Reason.DOWNLOAD_ERROR, "\\b[45]\\d\\d\\b|http(?!s?://)|connect|refused|reset|unreachable|not found|no such file|download"));

  private ReasonClassifier() {}

  /** The reason named by the client's error output, or empty when it names none. */
  public static Optional<Reason> classify(String stderr, String stdout) {
    return classifyLine(errorLine(stderr, stdout));
  }

  /** Classifies one line of text. */
  public static Optional<Reason> classifyLine(String line) {
    if (line == null || line.isBlank()) {
      return Optional.empty();
    }
    for (Rule rule : RULES) {
      if (rule.pattern().matcher(line).find()) {
        return Optional.of(rule.reason());
      }
    }
    return Optional.empty();
  }

  /** The last non-blank line of stderr, or of stdout when stderr has none; "" when both are empty. */
  public static String errorLine(String stderr, String stdout) {
    String line = lastLine(stderr);
    return line.isEmpty() ? lastLine(stdout) : line;
  }

  private static String lastLine(String text) {
    if (text == null) {
      return "";
    }
    String[] lines = text.split("\\R");
    for (int i = lines.length - 1; i >= 0; i--) {
      if (!lines[i].isBlank()) {
        return lines[i].strip();
      }
    }
    return "";
  }
}
