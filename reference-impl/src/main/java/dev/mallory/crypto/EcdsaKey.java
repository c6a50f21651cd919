package dev.mallory.crypto;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.HexFormat;

/** ECDSA over P-256 with SHA-256, through the JDK. */
public final class EcdsaKey implements VerificationKey {
  /** How signature bytes are laid out: DER (TUF, securesystemslib) or raw r‖s (Notary). */
  enum Format {
    DER("SHA256withECDSA"),
    RAW("SHA256withECDSAinP1363Format");

    final String jcaName;

    Format(String jcaName) {
      this.jcaName = jcaName;
    }
  }

  private final PublicKey key;
  private final Format format;

  private EcdsaKey(PublicKey key, Format format) {
    this.key = key;
    this.format = format;
  }

  static EcdsaKey of(PublicKey key, Format format) throws UnsupportedKeyException {
    VerificationKey.requireP256(key);
    return new EcdsaKey(key, format);
  }

  @Override
  public boolean verify(byte[] payload, byte[] signature) {
    try {
      java.security.Signature verifier = java.security.Signature.getInstance(format.jcaName);
      verifier.initVerify(key);
      verifier.update(payload);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false; // malformed signature bytes are an invalid signature, nothing more
    }
  }

  @Override
  public String material() {
    return "ecdsa:" + HexFormat.of().formatHex(key.getEncoded());
  }
}
