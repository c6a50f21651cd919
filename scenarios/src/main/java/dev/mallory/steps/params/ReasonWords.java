package dev.mallory.steps.params;

import dev.mallory.client.errors.Reason;
import java.util.List;
import java.util.Locale;

/**
 * One or more REASON words ({@code a rollback}, {@code expired metadata}) and the client reasons
 * they accept. {@code rollback} and {@code version mismatch} are one error class in python-tuf,
 * go-tuf and tuf-js, so both accept {@link Reason#ROLLBACK} (features/README.md, reason words).
 */
public record ReasonWords(List<String> words) {
  public ReasonWords {
    words = List.copyOf(words);
  }

  public static ReasonWords parse(String text) {
    // Match word by word: "or" also occurs inside a word ("length or hash mismatch").
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(Grammar.REASON_WORD).matcher(text.strip());
    List<String> words = new java.util.ArrayList<>();
    while (m.find()) {
      words.add(m.group().replaceFirst("^an? ", ""));
    }
    return new ReasonWords(words);
  }

  public boolean accepts(Reason reason) {
    return words.stream().anyMatch(w -> reasonOf(w) == reason);
  }

  public static Reason reasonOf(String word) {
    return switch (word.toLowerCase(Locale.ROOT)) {
      case "rollback", "version mismatch" -> Reason.ROLLBACK;
      case "expired metadata" -> Reason.EXPIRED;
      case "missing signatures" -> Reason.MISSING_SIGNATURES;
      case "length or hash mismatch" -> Reason.LENGTH_OR_HASH_MISMATCH;
      case "oversized download" -> Reason.OVERSIZED_DOWNLOAD;
      case "wrong metadata type" -> Reason.WRONG_METADATA_TYPE;
      case "target not found" -> Reason.TARGET_NOT_FOUND;
      case "slow retrieval" -> Reason.SLOW_RETRIEVAL;
      case "unsafe path" -> Reason.UNSAFE_PATH;
      case "invalid metadata" -> Reason.INVALID_METADATA;
      default -> throw new IllegalArgumentException("not a reason word: " + word);
    };
  }

  @Override
  public String toString() {
    return String.join(" or ", words);
  }
}
