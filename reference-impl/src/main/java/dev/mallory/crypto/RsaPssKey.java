package dev.mallory.crypto;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.HexFormat;

/**
 * RSASSA-PSS with SHA-256 and MGF1-SHA-256. Signers differ in salt length (securesystemslib has used
 * both the digest length and the maximum), so both are accepted, as OpenSSL's "auto" does.
 */
public final class RsaPssKey implements VerificationKey {
  private static final int DIGEST_LENGTH = 32;
  private final RSAPublicKey key;

  private RsaPssKey(RSAPublicKey key) {
    this.key = key;
  }

  static RsaPssKey of(PublicKey key) throws UnsupportedKeyException {
    VerificationKey.requireRsa2048(key);
    return new RsaPssKey((RSAPublicKey) key);
  }

  static PSSParameterSpec spec(int saltLength) {
    return new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, saltLength, 1);
  }

  @Override
  public boolean verify(byte[] payload, byte[] signature) {
    int maxSalt = (key.getModulus().bitLength() + 7) / 8 - DIGEST_LENGTH - 2;
    return verify(payload, signature, DIGEST_LENGTH) || verify(payload, signature, maxSalt);
  }

  private boolean verify(byte[] payload, byte[] signature, int saltLength) {
    try {
      java.security.Signature verifier = java.security.Signature.getInstance("RSASSA-PSS");
      verifier.setParameter(spec(saltLength));
      verifier.initVerify(key);
      verifier.update(payload);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public String material() {
    return "rsa:" + HexFormat.of().formatHex(key.getEncoded());
  }
}
