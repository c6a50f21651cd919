package dev.mallory.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One entry of {@code delegations.roles}. Exactly one of {@code paths} and
 * {@code pathHashPrefixes} is set (the other is {@code null}).
 */
public record DelegatedRole(
    String name,
    List<String> keyIds,
    int threshold,
    boolean terminating,
    List<String> paths,
    List<String> pathHashPrefixes) {

  public DelegatedRole {
    Checks.present(name, "delegated role name");
    if (name.isEmpty()) {
      throw new InvalidMetadataException("a delegated role name must not be empty");
    }
    keyIds = Checks.uniqueKeyIds(keyIds, "delegated role " + name);
    Checks.threshold(threshold, "delegated role " + name);
    if ((paths == null) == (pathHashPrefixes == null)) {
      throw new InvalidMetadataException(
          "delegated role " + name + " must list exactly one of paths and path_hash_prefixes");
    }
    paths = paths == null ? null : List.copyOf(paths);
    pathHashPrefixes = pathHashPrefixes == null ? null : List.copyOf(pathHashPrefixes);
  }

  /** 5.6.7.2: is this target path inside what the role was delegated? */
  public boolean isDelegatedPath(String targetPath, PathMatching matching) {
    if (paths != null) {
      for (String pattern : paths) {
        if (matching.matches(pattern, targetPath)) {
          return true;
        }
      }
      return false;
    }
    String digest = sha256Hex(targetPath);
    for (String prefix : pathHashPrefixes) {
      if (digest.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  static String sha256Hex(String path) {
    return HexFormat.of().formatHex(sha256(path));
  }

  static byte[] sha256(String path) {
    // A clone of one prototype: a provider look-up per target path was visible in a hash-bin search.
    MessageDigest digest;
    try {
      digest = (MessageDigest) SHA256.clone();
    } catch (CloneNotSupportedException e) {
      digest = newSha256();
    }
    return digest.digest(path.getBytes(StandardCharsets.UTF_8));
  }

  private static final MessageDigest SHA256 = newSha256();

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
