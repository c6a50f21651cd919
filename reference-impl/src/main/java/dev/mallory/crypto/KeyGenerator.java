package dev.mallory.crypto;

import dev.mallory.model.Key;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Fresh keys, generated at run time: Mallory commits no key and no signed fixture. */
public final class KeyGenerator {
  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyGenerator() {}

  /** A key in the form the encoding's dialect publishes. X.509 keys get a generic subject. */
  public static SigningKey generate(KeyAlgorithm algorithm, KeyEncoding encoding) {
    return generate(algorithm, encoding, "mallory");
  }

  /**
   * @param commonName the certificate subject for {@link KeyAlgorithm#ECDSA_P256_X509}; Notary
   *     expects a root certificate's CN to be the GUN
   */
  public static SigningKey generate(KeyAlgorithm algorithm, KeyEncoding encoding, String commonName) {
    try {
      return switch (algorithm) {
        case ED25519 -> ed25519(encoding);
        case ECDSA_P256 -> ecdsa(encoding);
        case ECDSA_P256_X509 -> ecdsaX509(encoding, commonName);
        case RSA_PSS -> rsa(encoding);
      };
    } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
      throw new IllegalStateException("key generation failed for " + algorithm, e);
    }
  }

  private static SigningKey ed25519(KeyEncoding encoding) {
    Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
    generator.init(new Ed25519KeyGenerationParameters(RANDOM));
    var pair = generator.generateKeyPair();
    byte[] raw = ((Ed25519PublicKeyParameters) pair.getPublic()).getEncoded();
    String value =
        encoding == KeyEncoding.TUF ? HexFormat.of().formatHex(raw) : Base64.getEncoder().encodeToString(raw);
    Key key = new Key("ed25519", encoding == KeyEncoding.TUF ? "ed25519" : null, value);
    return new SigningKey(KeyAlgorithm.ED25519, encoding, key, (Ed25519PrivateKeyParameters) pair.getPrivate());
  }

  private static KeyPair ecPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return generator.generateKeyPair();
  }

  private static SigningKey ecdsa(KeyEncoding encoding) throws GeneralSecurityException {
    KeyPair pair = ecPair();
    byte[] spki = pair.getPublic().getEncoded();
    Key key =
        encoding == KeyEncoding.TUF
            ? new Key("ecdsa", "ecdsa-sha2-nistp256", Pem.encode("PUBLIC KEY", spki))
            : new Key("ecdsa", null, Base64.getEncoder().encodeToString(spki));
    return new SigningKey(KeyAlgorithm.ECDSA_P256, encoding, key, pair.getPrivate());
  }

  private static SigningKey ecdsaX509(KeyEncoding encoding, String commonName)
      throws GeneralSecurityException, OperatorCreationException, java.io.IOException {
    if (encoding != KeyEncoding.NOTARY) {
      throw new IllegalArgumentException("ecdsa-x509 keys exist only in the Notary dialect");
    }
    KeyPair pair = ecPair();
    Instant now = Instant.now();
    X500Name subject = new X500Name("CN=" + commonName.replace(",", "\\,"));
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            subject,
            new BigInteger(64, RANDOM),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(3650))),
            subject,
            pair.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
    builder.addExtension(
        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
    X509CertificateHolder cert =
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
    String pem = Pem.encode("CERTIFICATE", cert.getEncoded());
    Key key = new Key("ecdsa-x509", null, Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII)));
    return new SigningKey(KeyAlgorithm.ECDSA_P256_X509, encoding, key, pair.getPrivate());
  }

  private static SigningKey rsa(KeyEncoding encoding) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(3072, RANDOM);
    KeyPair pair = generator.generateKeyPair();
    byte[] spki = pair.getPublic().getEncoded();
    Key key =
        encoding == KeyEncoding.TUF
            ? new Key("rsa", "rsassa-pss-sha256", Pem.encode("PUBLIC KEY", spki))
            : new Key("rsa", null, Base64.getEncoder().encodeToString(spki));
    return new SigningKey(KeyAlgorithm.RSA_PSS, encoding, key, pair.getPrivate());
  }
}
