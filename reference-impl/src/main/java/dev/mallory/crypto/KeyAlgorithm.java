package dev.mallory.crypto;

/** The key algorithms Mallory generates and verifies. */
public enum KeyAlgorithm {
  /** keytype/scheme {@code ed25519}; Notary method {@code eddsa}. */
  ED25519,
  /** keytype {@code ecdsa}, scheme {@code ecdsa-sha2-nistp256}; Notary method {@code ecdsa}. */
  ECDSA_P256,
  /** Notary only: an ECDSA P-256 key published as a self-signed X.509 certificate (root keys). */
  ECDSA_P256_X509,
  /** keytype {@code rsa}, scheme {@code rsassa-pss-sha256}, 3072 bits. */
  RSA_PSS
}
