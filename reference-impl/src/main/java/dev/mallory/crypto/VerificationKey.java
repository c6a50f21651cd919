package dev.mallory.crypto;

import dev.mallory.model.Key;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A public key decoded from metadata, ready to verify. The algorithm is taken from the trusted key
 * object only, never from the signature (NCC 2015 found Notary choosing the verifier from the
 * signature's {@code method}).
 */
public sealed interface VerificationKey permits Ed25519Key, EcdsaKey, RsaPssKey {

  /** True only for a valid signature; malformed signature bytes are simply invalid. */
  boolean verify(byte[] payload, byte[] signature);

  /**
   * The key material, independent of how it was written: two key ids naming the same key have the
   * same material, and a threshold must count that key once (go-tuf GHSA-3633-5h82-39pq).
   */
  String material();

  static VerificationKey decode(Key key, KeyEncoding encoding) throws UnsupportedKeyException {
    String type = key.keyType().toLowerCase(Locale.ROOT);
    String scheme = key.scheme();
    DecodedKeys.CacheKey cacheKey = new DecodedKeys.CacheKey(encoding, type, scheme, key.publicValue());
    VerificationKey cached = DecodedKeys.get(cacheKey);
    if (cached != null) {
      return cached;
    }
    VerificationKey decoded = switch (encoding) {
      case TUF -> decodeTuf(type, scheme, key.publicValue());
      case NOTARY -> decodeNotary(type, key.publicValue());
    };
    DecodedKeys.put(cacheKey, decoded);
    return decoded;
  }

  private static VerificationKey decodeTuf(String type, String scheme, String value)
      throws UnsupportedKeyException {
    // The spec pairs each keytype with one scheme; any other pair is refused, not guessed.
    if (type.equals("ed25519") && "ed25519".equals(scheme)) {
      return Ed25519Key.fromRaw(hex(value));
    }
    if ((type.equals("ecdsa") || type.equals("ecdsa-sha2-nistp256"))
        && "ecdsa-sha2-nistp256".equals(scheme)) {
      return EcdsaKey.of(spki(Pem.decode("PUBLIC KEY", value), "EC"), EcdsaKey.Format.DER);
    }
    if (type.equals("rsa") && "rsassa-pss-sha256".equals(scheme)) {
      return RsaPssKey.of(spki(Pem.decode("PUBLIC KEY", value), "RSA"));
    }
    throw new UnsupportedKeyException("unsupported keytype/scheme " + type + "/" + scheme);
  }

  private static VerificationKey decodeNotary(String type, String value) throws UnsupportedKeyException {
    byte[] decoded = base64(value);
    return switch (type) {
      case "ed25519" -> Ed25519Key.fromRaw(decoded);
      case "ecdsa" -> EcdsaKey.of(spki(decoded, "EC"), EcdsaKey.Format.RAW);
      case "ecdsa-x509" -> EcdsaKey.of(certificateKey(decoded), EcdsaKey.Format.RAW);
      case "rsa" -> RsaPssKey.of(spki(decoded, "RSA"));
      case "rsa-x509" -> RsaPssKey.of(certificateKey(decoded));
      default -> throw new UnsupportedKeyException("unsupported Notary keytype " + type);
    };
  }

  private static byte[] hex(String value) throws UnsupportedKeyException {
    try {
      return HexFormat.of().parseHex(value);
    } catch (IllegalArgumentException e) {
      throw new UnsupportedKeyException("public key is not hex", e);
    }
  }

  private static byte[] base64(String value) throws UnsupportedKeyException {
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new UnsupportedKeyException("public key is not base64", e);
    }
  }

  private static PublicKey spki(byte[] der, String algorithm) throws UnsupportedKeyException {
    try {
      return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new UnsupportedKeyException("not a " + algorithm + " SubjectPublicKeyInfo", e);
    }
  }

  private static PublicKey certificateKey(byte[] pemBytes) throws UnsupportedKeyException {
    byte[] der = Pem.decode("CERTIFICATE", new String(pemBytes, StandardCharsets.US_ASCII));
    try {
      X509Certificate cert =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
      return cert.getPublicKey();
    } catch (CertificateException | RuntimeException e) {
      throw new UnsupportedKeyException("not an X.509 certificate", e);
    }
  }

  /**
   * The key must be on NIST P-256 itself: a 256-bit field is not enough (secp256k1 and
   * brainpoolP256r1 have one too), so the curve, generator, order and cofactor are compared.
   */
  static void requireP256(PublicKey key) throws UnsupportedKeyException {
    if (!(key instanceof ECPublicKey ec) || !isP256(ec.getParams())) {
      throw new UnsupportedKeyException("ecdsa-sha2-nistp256 requires a P-256 key");
    }
  }

  private static boolean isP256(java.security.spec.ECParameterSpec params) {
    java.security.spec.ECParameterSpec p256 = P256.SPEC;
    return params.getCurve().equals(p256.getCurve())
        && params.getGenerator().equals(p256.getGenerator())
        && params.getOrder().equals(p256.getOrder())
        && params.getCofactor() == p256.getCofactor();
  }

  /** The parameters of secp256r1, looked up once. */
  final class P256 {
    static final java.security.spec.ECParameterSpec SPEC = lookUp();

    private P256() {}

    private static java.security.spec.ECParameterSpec lookUp() {
      try {
        java.security.AlgorithmParameters params = java.security.AlgorithmParameters.getInstance("EC");
        params.init(new java.security.spec.ECGenParameterSpec("secp256r1"));
        return params.getParameterSpec(java.security.spec.ECParameterSpec.class);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("every JDK has secp256r1", e);
      }
    }
  }

  static void requireRsa2048(PublicKey key) throws UnsupportedKeyException {
    if (!(key instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() < 2048) {
      throw new UnsupportedKeyException("rsassa-pss-sha256 requires an RSA key of at least 2048 bits");
    }
  }
}
