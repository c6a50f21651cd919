package dev.mallory.model;

import java.util.List;

/**
 * The keys trusted for a role and how many of them must sign (root's {@code roles} entries).
 * Validated at construction: a threshold below 1 or a key id listed twice is refused.
 */
public record Role(List<String> keyIds, int threshold) {
  public Role {
    keyIds = Checks.uniqueKeyIds(keyIds, "role");
    Checks.threshold(threshold, "role");
  }
}
