package dev.mallory.repo;

import java.util.List;

/**
 * What a targets role delegates to a new role (spec 4.5): either path patterns or SHA-256 hash
 * prefixes of target paths, whether the delegation is terminating, and how many fresh keys the
 * role gets and how many of them must sign.
 */
public record Delegation(List<String> paths, List<String> hashPrefixes, boolean terminating, int keyCount, int threshold) {
  public Delegation {
    if ((paths == null) == (hashPrefixes == null)) {
      throw new IllegalArgumentException("a delegation lists exactly one of paths and hash prefixes");
    }
    paths = paths == null ? null : List.copyOf(paths);
    hashPrefixes = hashPrefixes == null ? null : List.copyOf(hashPrefixes);
    if (threshold < 1 || keyCount < threshold) {
      throw new IllegalArgumentException("need 1 <= threshold <= keys, got " + threshold + " of " + keyCount);
    }
  }

  /** Target paths matching any of these patterns (TUF: globs; Notary: prefixes, {@code ""} is all). */
  public static Delegation paths(String... patterns) {
    return new Delegation(List.of(patterns), null, false, 1, 1);
  }

  /** Targets whose path's SHA-256 hex digest starts with one of these prefixes (TUF only). */
  public static Delegation hashPrefixes(String... prefixes) {
    return new Delegation(null, List.of(prefixes), false, 1, 1);
  }

  public Delegation asTerminating() {
    return new Delegation(paths, hashPrefixes, true, keyCount, threshold);
  }

  public Delegation keys(int count, int threshold) {
    return new Delegation(paths, hashPrefixes, terminating, count, threshold);
  }
}
