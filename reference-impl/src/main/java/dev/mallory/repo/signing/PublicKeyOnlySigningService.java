package dev.mallory.repo.signing;

import dev.mallory.crypto.KeyEncoding;
import dev.mallory.model.Key;
import dev.mallory.model.Signature;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Knows the public keys of roles signed elsewhere and signs nothing. A Notary client builds its
 * root with the server's timestamp key (fetched from {@code timestamp.key}) but never signs the
 * timestamp: a {@link dev.mallory.repo.Repository} given this service writes roots listing the
 * remote key and an unsigned timestamp that is never uploaded.
 */
public record PublicKeyOnlySigningService(Map<String, Key> keysByRole) implements SigningService {
  public PublicKeyOnlySigningService {
    keysByRole = Map.copyOf(keysByRole);
  }

  @Override
  public Optional<Key> existingKey(String repository, String role) {
    return Optional.ofNullable(keysByRole.get(role));
  }

  @Override
  public Key publicKey(String repository, String role, KeyEncoding encoding) {
    Key key = keysByRole.get(role);
    if (key == null) {
      throw new IllegalStateException("no public key known for role " + role);
    }
    return key;
  }

  @Override
  public Key rotate(String repository, String role, KeyEncoding encoding) {
    throw new UnsupportedOperationException("keys of " + role + " are held elsewhere");
  }

  @Override
  public List<Signature> sign(String repository, List<String> keyIds, byte[] payload) {
    return List.of();
  }
}
