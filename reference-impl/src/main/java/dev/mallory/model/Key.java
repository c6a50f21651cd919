package dev.mallory.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A public key as metadata lists it. The public value is kept exactly as written (hex, PEM or
 * base64, depending on key type and dialect); the crypto package decodes it.
 *
 * @param keyType {@code ed25519}, {@code ecdsa}, {@code rsa}, {@code ecdsa-x509}, ...
 * @param scheme the signature scheme (TUF 1.0); {@code null} in the Notary dialect, which has none
 * @param publicValue {@code keyval.public} as written
 * @param unrecognized fields the specification does not define; they are hashed into the key id
 */
public record Key(String keyType, String scheme, String publicValue, Map<String, JsonNode> unrecognized) {
  public Key {
    Checks.present(keyType, "keytype");
    Checks.present(publicValue, "keyval.public");
    unrecognized = Checks.copy(unrecognized, "unrecognized fields");
  }

  public Key(String keyType, String scheme, String publicValue) {
    this(keyType, scheme, publicValue, Map.of());
  }
}
