package dev.mallory.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * TAP 15 succinct hash-bin delegation: {@code 2^bitLength} terminating bins named
 * {@code <namePrefix>-<hex>}, a target landing in the bin given by the first {@code bitLength}
 * bits of SHA-256 of its path. All bins share keys and threshold.
 */
public record SuccinctRoles(List<String> keyIds, int threshold, int bitLength, String namePrefix) {
  public SuccinctRoles {
    keyIds = Checks.uniqueKeyIds(keyIds, "succinct roles");
    Checks.threshold(threshold, "succinct roles");
    if (bitLength < 1 || bitLength > 32) {
      throw new InvalidMetadataException("succinct bit_length must be 1..32, found " + bitLength);
    }
    Checks.present(namePrefix, "succinct name_prefix");
  }

  public long binCount() {
    return 1L << bitLength;
  }

  private int suffixDigits() {
    return Long.toHexString((1L << bitLength) - 1).length();
  }

  public String roleNameForTarget(String targetPath) {
    byte[] digest = DelegatedRole.sha256(targetPath);
    long hash = ((digest[0] & 0xffL) << 24) | ((digest[1] & 0xffL) << 16) | ((digest[2] & 0xffL) << 8)
        | (digest[3] & 0xffL); // the first 32 bits of SHA-256, big-endian
    long bin = hash >>> (32 - bitLength);
    return binName(bin);
  }

  public String binName(long bin) {
    return namePrefix + "-" + zeroPadHex(bin, suffixDigits());
  }

  private static String zeroPadHex(long value, int digits) {
    String hex = Long.toHexString(value);
    return hex.length() >= digits ? hex : "0".repeat(digits - hex.length()) + hex;
  }

  /** Every bin name, in order; only sensible for small bit lengths. */
  public List<String> binNames() {
    List<String> names = new ArrayList<>();
    for (long i = 0; i < binCount(); i++) {
      names.add(binName(i));
    }
    return names;
  }

  /** The bin of that name as a terminating delegated role, if the name is one of the bins. */
  public Optional<DelegatedRole> asDelegatedRole(String name) {
    String prefix = namePrefix + "-";
    if (!name.startsWith(prefix) || name.length() != prefix.length() + suffixDigits()) {
      return Optional.empty();
    }
    String suffix = name.substring(prefix.length());
    for (int i = 0; i < suffix.length(); i++) {
      char c = suffix.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
        return Optional.empty(); // lower-case hex only, as binName writes it
      }
    }
    long bin = Long.parseLong(suffix, 16);
    if (bin >= (1L << bitLength)) {
      return Optional.empty();
    }
    return Optional.of(new DelegatedRole(name, keyIds, threshold, true, null, binPrefixes(bin)));
  }

  /**
   * The hex prefixes of SHA-256 digests that fall in a bin. A bin is {@code bitLength} bits, a hex
   * digit 4, so a bin covers 2^(4*digits - bitLength) prefixes of {@code digits} hex digits — at
   * most 8 — which makes a bin an ordinary {@code path_hash_prefixes} delegation.
   */
  private List<String> binPrefixes(long bin) {
    int digits = (bitLength + 3) / 4;
    int spare = digits * 4 - bitLength;
    List<String> prefixes = new ArrayList<>();
    for (long k = 0; k < (1L << spare); k++) {
      prefixes.add(zeroPadHex((bin << spare) + k, digits));
    }
    return List.copyOf(prefixes);
  }
}
