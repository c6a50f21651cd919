package dev.mallory.repo.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Digests of stored bytes, as lower-case hex (the form the model and content addresses use). */
public final class Hashes {
  private Hashes() {}

  public static String sha256(byte[] bytes) {
    return hex("SHA-256", bytes);
  }

  public static String sha512(byte[] bytes) {
    return hex("SHA-512", bytes);
  }

  /** Both digests Notary writes for every file (meta and targets): sha256 and sha512. */
  public static Map<String, String> sha256And512(byte[] bytes) {
    Map<String, String> hashes = new LinkedHashMap<>();
    hashes.put("sha256", sha256(bytes));
    hashes.put("sha512", sha512(bytes));
    return hashes;
  }

  private static String hex(String algorithm, byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has " + algorithm, e);
    }
  }
}
