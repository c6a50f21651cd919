package dev.mallory.crypto;

/**
 * How a dialect writes public keys and signature bytes. The same key type is written differently
 * by TUF 1.0 and Notary (an ed25519 key is hex in one and base64 in the other; an ECDSA signature
 * is DER in one and raw r‖s in the other), so every decode names its encoding.
 */
public enum KeyEncoding {
  /** TUF 1.0: ed25519 hex, ecdsa and rsa PEM SubjectPublicKeyInfo; ECDSA signatures DER. */
  TUF,
  /** Notary: ed25519 base64 raw, ecdsa base64 DER SPKI, ecdsa-x509 base64 PEM certificate; ECDSA raw r‖s. */
  NOTARY
}
