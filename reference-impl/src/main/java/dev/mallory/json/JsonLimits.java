package dev.mallory.json;

/**
 * Bounds on what the parser accepts. Hostile repositories are the normal case: every document is
 * bounded in size, nesting and number length before it can cost memory or CPU.
 *
 * @param maxBytes largest document accepted
 * @param maxDepth deepest nesting of arrays and objects
 * @param maxNumberLength longest integer literal, in digits (versions are 64-bit)
 * @param maxStringLength longest string, in characters
 */
public record JsonLimits(int maxBytes, int maxDepth, int maxNumberLength, int maxStringLength) {
  /** Large enough for the biggest legitimate targets metadata (the spec's Z default is 5 000 000). */
  public static final JsonLimits DEFAULT = new JsonLimits(16 * 1024 * 1024, 64, 40, 16 * 1024 * 1024);

  public JsonLimits {
    if (maxBytes < 1 || maxDepth < 1 || maxNumberLength < 1 || maxStringLength < 1) {
      throw new IllegalArgumentException("every JSON limit must be positive");
    }
  }
}
