package dev.mallory.repo;

import dev.mallory.crypto.KeyAlgorithm;
import dev.mallory.crypto.KeyGenerator;
import dev.mallory.crypto.SigningKey;
import dev.mallory.dialect.Dialect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The offline private keys of a repository, per role. Generated in the form the dialect publishes:
 * TUF keys of the chosen algorithm; Notary as its client makes them (root: an ECDSA certificate
 * whose CN is the GUN; other roles: bare ECDSA P-256).
 */
final class KeyRing {
  private final Dialect dialect;
  private final KeyAlgorithm algorithm;
  private final String repository;
  private final Map<String, List<SigningKey>> keys = new HashMap<>();

  KeyRing(Dialect dialect, KeyAlgorithm algorithm, String repository) {
    this.dialect = dialect;
    this.algorithm = algorithm;
    this.repository = repository;
  }

  List<SigningKey> generate(String role, int count) {
    List<SigningKey> fresh = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      fresh.add(generateOne(role));
    }
    return fresh;
  }

  private SigningKey generateOne(String role) {
    if (dialect == Dialect.NOTARY) {
      KeyAlgorithm a = role.equals("root") ? KeyAlgorithm.ECDSA_P256_X509 : KeyAlgorithm.ECDSA_P256;
      return KeyGenerator.generate(a, dialect.keyEncoding(), repository);
    }
    return KeyGenerator.generate(algorithm, dialect.keyEncoding());
  }

  List<SigningKey> get(String role) {
    return keys.getOrDefault(role, List.of());
  }

  void put(String role, List<SigningKey> roleKeys) {
    keys.put(role, List.copyOf(roleKeys));
  }

  boolean has(String role) {
    return keys.containsKey(role);
  }
}
