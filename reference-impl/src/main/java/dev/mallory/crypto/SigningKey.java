package dev.mallory.crypto;

import dev.mallory.model.Key;
import dev.mallory.model.Signature;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A private key together with the public {@link Key} and key id it is published under. Created by
 * {@link KeyGenerator}; handed to the repository (offline and online roles) and, in a key
 * compromise scenario, to the attacker.
 */
public final class SigningKey {
  private final KeyAlgorithm algorithm;
  private final KeyEncoding encoding;
  private final Key publicKey;
  private final String keyId;
  private final Object privateKey; // PrivateKey, or Ed25519PrivateKeyParameters

  SigningKey(KeyAlgorithm algorithm, KeyEncoding encoding, Key publicKey, Object privateKey) {
    this.algorithm = algorithm;
    this.encoding = encoding;
    this.publicKey = publicKey;
    this.keyId = KeyIds.of(publicKey, encoding);
    this.privateKey = privateKey;
  }

  public KeyAlgorithm algorithm() {
    return algorithm;
  }

  public KeyEncoding encoding() {
    return encoding;
  }

  public Key publicKey() {
    return publicKey;
  }

  public String keyId() {
    return keyId;
  }

  /** Signs the payload (canonical JSON of {@code signed}) in the form the dialect expects. */
  public Signature sign(byte[] payload) {
    return new Signature(keyId, notaryMethod(), signRaw(payload));
  }

  /** Same key, but the signature claims another key id (attacks on threshold counting). */
  public Signature signAs(String claimedKeyId, byte[] payload) {
    return new Signature(claimedKeyId, notaryMethod(), signRaw(payload));
  }

  private String notaryMethod() {
    if (encoding != KeyEncoding.NOTARY) {
      return null;
    }
    return switch (algorithm) {
      case ED25519 -> "eddsa";
      case ECDSA_P256, ECDSA_P256_X509 -> "ecdsa";
      case RSA_PSS -> "rsapss";
    };
  }

  private byte[] signRaw(byte[] payload) {
    try {
      switch (algorithm) {
        case ED25519 -> {
          Ed25519Signer signer = new Ed25519Signer();
          signer.init(true, (Ed25519PrivateKeyParameters) privateKey);
          signer.update(payload, 0, payload.length);
          return signer.generateSignature();
        }
        case ECDSA_P256, ECDSA_P256_X509 -> {
          String name =
              encoding == KeyEncoding.NOTARY
                  ? EcdsaKey.Format.RAW.jcaName
                  : EcdsaKey.Format.DER.jcaName;
          java.security.Signature signer = java.security.Signature.getInstance(name);
          signer.initSign((PrivateKey) privateKey);
          signer.update(payload);
          return signer.sign();
        }
        case RSA_PSS -> {
          java.security.Signature signer = java.security.Signature.getInstance("RSASSA-PSS");
          signer.setParameter(RsaPssKey.spec(32));
          signer.initSign((PrivateKey) privateKey);
          signer.update(payload);
          return signer.sign();
        }
        default -> throw new IllegalStateException("unknown algorithm " + algorithm);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing with a freshly generated key failed", e);
    }
  }

  /**
   * The private key's bytes (Ed25519: the 32-byte seed; ECDSA and RSA: PKCS#8 DER), so an online
   * signing service can keep its keys across a restart. Handle as a secret.
   */
  public byte[] exportPrivateKey() {
    if (privateKey instanceof Ed25519PrivateKeyParameters ed) {
      return ed.getEncoded();
    }
    return ((PrivateKey) privateKey).getEncoded();
  }

  /** The inverse of {@link #exportPrivateKey()}: the same key under the same public key and id. */
  public static SigningKey restore(KeyAlgorithm algorithm, KeyEncoding encoding, Key publicKey, byte[] privateKey) {
    try {
      Object key =
          switch (algorithm) {
            case ED25519 -> new Ed25519PrivateKeyParameters(privateKey, 0);
            case ECDSA_P256, ECDSA_P256_X509 -> java.security.KeyFactory.getInstance("EC")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(privateKey));
            case RSA_PSS -> java.security.KeyFactory.getInstance("RSA")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(privateKey));
          };
      return new SigningKey(algorithm, encoding, publicKey, key);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("not a " + algorithm + " private key", e);
    }
  }

  @Override
  public String toString() {
    return "SigningKey[" + algorithm + ", " + keyId.substring(0, 8) + "]";
  }
}
