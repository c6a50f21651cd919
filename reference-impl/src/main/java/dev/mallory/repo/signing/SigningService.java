package dev.mallory.repo.signing;

import dev.mallory.crypto.KeyEncoding;
import dev.mallory.model.Key;
import dev.mallory.model.Signature;
import java.util.List;
import java.util.Optional;

/**
 * The holder of online keys (timestamp, and snapshot when it is server-managed), kept apart from
 * the HTTP server as notary-server keeps its keys in notary-signer: the server asks for public keys
 * and signatures and never sees a private key.
 */
public interface SigningService {
  /** The newest key of the role, if one was ever made. */
  Optional<Key> existingKey(String repository, String role);

  /**
   * The newest key of the role, made on first use (notary-server creates the timestamp key of a new
   * GUN when a client first asks for {@code timestamp.key}).
   */
  Key publicKey(String repository, String role, KeyEncoding encoding);

  /** A new key for the role; older keys keep signing for as long as a root still lists them. */
  Key rotate(String repository, String role, KeyEncoding encoding);

  /** Signatures over the payload by every held key of the repository whose id is in {@code keyIds}. */
  List<Signature> sign(String repository, List<String> keyIds, byte[] payload);

  /** True when this service holds at least one of the keys. */
  default boolean holdsAny(String repository, List<String> keyIds) {
    return !sign(repository, keyIds, new byte[0]).isEmpty();
  }
}
