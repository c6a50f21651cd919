package dev.mallory.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mallory.model.Key;
import dev.mallory.model.Signature;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Signatures and keys: valid ones verify, everything else is {@code false} or an unusable key. */
class CryptoTest {
  private static final byte[] PAYLOAD = "{\"_type\":\"root\",\"version\":1}".getBytes(StandardCharsets.UTF_8);
  private static final Map<KeyEncoding, Map<KeyAlgorithm, SigningKey>> KEYS = new EnumMap<>(KeyEncoding.class);

  static synchronized SigningKey key(KeyEncoding encoding, KeyAlgorithm algorithm) {
    return KEYS.computeIfAbsent(encoding, e -> new EnumMap<>(KeyAlgorithm.class))
        .computeIfAbsent(algorithm, a -> KeyGenerator.generate(a, encoding, "example.com/app"));
  }

  static Stream<Arguments> keyTypes() {
    return Stream.of(
        Arguments.of(KeyEncoding.TUF, KeyAlgorithm.ED25519),
        Arguments.of(KeyEncoding.TUF, KeyAlgorithm.ECDSA_P256),
        Arguments.of(KeyEncoding.TUF, KeyAlgorithm.RSA_PSS),
        Arguments.of(KeyEncoding.NOTARY, KeyAlgorithm.ED25519),
        Arguments.of(KeyEncoding.NOTARY, KeyAlgorithm.ECDSA_P256),
        Arguments.of(KeyEncoding.NOTARY, KeyAlgorithm.ECDSA_P256_X509),
        Arguments.of(KeyEncoding.NOTARY, KeyAlgorithm.RSA_PSS));
  }

  private static VerificationKey verifier(SigningKey key) throws UnsupportedKeyException {
    return VerificationKey.decode(key.publicKey(), key.encoding());
  }

  @ParameterizedTest(name = "{0} {1}: a signature verifies over its payload")
  @MethodSource("keyTypes")
  void signatureVerifiesWithItsKey(KeyEncoding encoding, KeyAlgorithm algorithm) throws Exception {
    SigningKey key = key(encoding, algorithm);
    assertThat(verifier(key).verify(PAYLOAD, key.sign(PAYLOAD).value())).isTrue();
  }

  @ParameterizedTest(name = "{0} {1}: another key of the same type does not verify it")
  @MethodSource("keyTypes")
  void signatureDoesNotVerifyWithAnotherKey(KeyEncoding encoding, KeyAlgorithm algorithm) throws Exception {
    SigningKey signer = key(encoding, algorithm);
    SigningKey other = KeyGenerator.generate(algorithm, encoding, "example.com/app");
    assertThat(verifier(other).verify(PAYLOAD, signer.sign(PAYLOAD).value())).isFalse();
  }

  @ParameterizedTest(name = "{0} {1}: a changed payload does not verify")
  @MethodSource("keyTypes")
  void signatureDoesNotVerifyAnotherPayload(KeyEncoding encoding, KeyAlgorithm algorithm) throws Exception {
    SigningKey key = key(encoding, algorithm);
    byte[] sig = key.sign(PAYLOAD).value();
    byte[] changed = PAYLOAD.clone();
    changed[changed.length - 2] ^= 1;
    assertThat(verifier(key).verify(changed, sig)).isFalse();
    assertThat(verifier(key).verify(new byte[0], sig)).isFalse();
  }

  @ParameterizedTest(name = "{0} {1}: truncated, extended, flipped or empty signatures are false, not exceptions")
  @MethodSource("keyTypes")
  void damagedSignatureIsFalseNotAnException(KeyEncoding encoding, KeyAlgorithm algorithm) throws Exception {
    SigningKey key = key(encoding, algorithm);
    VerificationKey v = verifier(key);
    byte[] sig = key.sign(PAYLOAD).value();
    List<byte[]> damaged = new ArrayList<>();
    damaged.add(new byte[0]);
    damaged.add(new byte[] {0});
    damaged.add(Arrays.copyOf(sig, sig.length - 1));
    damaged.add(Arrays.copyOf(sig, sig.length / 2));
    damaged.add(Arrays.copyOf(sig, sig.length + 1));
    for (int i = 0; i < sig.length; i += Math.max(1, sig.length / 16)) {
      byte[] flipped = sig.clone();
      flipped[i] ^= 0x01;
      damaged.add(flipped);
    }
    byte[] zeros = new byte[sig.length];
    damaged.add(zeros);
    byte[] ones = new byte[sig.length];
    Arrays.fill(ones, (byte) 0xff);
    damaged.add(ones);
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 20; i++) {
      byte[] noise = new byte[random.nextInt(600)];
      random.nextBytes(noise);
      damaged.add(noise);
    }
    for (byte[] d : damaged) {
      assertThat(v.verify(PAYLOAD, d)).as("%s", java.util.HexFormat.of().formatHex(d)).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}: a signature made with another scheme does not verify")
  @EnumSource(KeyEncoding.class)
  void signatureOfAnotherSchemeIsFalse(KeyEncoding encoding) throws Exception {
    SigningKey ed = key(encoding, KeyAlgorithm.ED25519);
    SigningKey ec = key(encoding, KeyAlgorithm.ECDSA_P256);
    SigningKey rsa = key(encoding, KeyAlgorithm.RSA_PSS);
    assertThat(verifier(ec).verify(PAYLOAD, ed.sign(PAYLOAD).value())).isFalse();
    assertThat(verifier(ed).verify(PAYLOAD, ec.sign(PAYLOAD).value())).isFalse();
    assertThat(verifier(rsa).verify(PAYLOAD, ec.sign(PAYLOAD).value())).isFalse();
    assertThat(verifier(ec).verify(PAYLOAD, rsa.sign(PAYLOAD).value())).isFalse();
  }

  @Test
  void ecdsaSignatureInTheOtherDialectsLayoutIsFalse() throws Exception {
    // TUF ECDSA signatures are DER, Notary's are raw r||s: each verifier takes only its own layout.
    // The same public key published the TUF way (PEM) must not accept the Notary layout.
    SigningKey notary = key(KeyEncoding.NOTARY, KeyAlgorithm.ECDSA_P256);
    byte[] p1363 = notary.sign(PAYLOAD).value();
    assertThat(p1363).hasSize(64);
    Key asTuf = new Key("ecdsa", "ecdsa-sha2-nistp256",
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(Base64.getDecoder().decode(notary.publicKey().publicValue()))
            + "\n-----END PUBLIC KEY-----\n");
    assertThat(VerificationKey.decode(asTuf, KeyEncoding.TUF).verify(PAYLOAD, p1363)).isFalse();
  }

  @Test
  void rsaPkcs1v15SignatureDoesNotVerifyUnderPss() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair pair = g.generateKeyPair();
    java.security.Signature s = java.security.Signature.getInstance("SHA256withRSA");
    s.initSign(pair.getPrivate());
    s.update(PAYLOAD);
    byte[] pkcs1 = s.sign();
    Key key = new Key("rsa", "rsassa-pss-sha256", pem(pair.getPublic().getEncoded()));
    assertThat(VerificationKey.decode(key, KeyEncoding.TUF).verify(PAYLOAD, pkcs1)).isFalse();
  }

  private static String pem(byte[] der) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END PUBLIC KEY-----\n";
  }

  private static byte[] ecPublicKey(String curve, boolean bouncyCastle) throws Exception {
    KeyPairGenerator g =
        bouncyCastle
            ? KeyPairGenerator.getInstance("EC", new BouncyCastleProvider())
            : KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec(curve));
    return g.generateKeyPair().getPublic().getEncoded();
  }

  @Test
  void p384KeyDeclaredAsNistp256IsUnusable() throws Exception {
    Key key = new Key("ecdsa", "ecdsa-sha2-nistp256", pem(ecPublicKey("secp384r1", false)));
    assertThatThrownBy(() -> VerificationKey.decode(key, KeyEncoding.TUF)).isInstanceOf(UnsupportedKeyException.class);
    Key notary = new Key("ecdsa", null, Base64.getEncoder().encodeToString(ecPublicKey("secp384r1", false)));
    assertThatThrownBy(() -> VerificationKey.decode(notary, KeyEncoding.NOTARY)).isInstanceOf(UnsupportedKeyException.class);
  }

  @Test
  void otherTwoHundredFiftySixBitCurvesDeclaredAsNistp256AreUnusable() throws Exception {
    // secp256k1 and brainpoolP256r1 have 256-bit fields too: the curve, not the field size, is
    // what ecdsa-sha2-nistp256 names.
    for (String curve : List.of("secp256k1", "brainpoolP256r1")) {
      Key key = new Key("ecdsa", "ecdsa-sha2-nistp256", pem(ecPublicKey(curve, true)));
      assertThatThrownBy(() -> VerificationKey.decode(key, KeyEncoding.TUF)).as(curve)
          .isInstanceOf(UnsupportedKeyException.class);
    }
  }

  @Test
  void rsaKeyBelow2048BitsIsUnusable() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(1024);
    byte[] spki = g.generateKeyPair().getPublic().getEncoded();
    assertThatThrownBy(() -> VerificationKey.decode(new Key("rsa", "rsassa-pss-sha256", pem(spki)), KeyEncoding.TUF))
        .isInstanceOf(UnsupportedKeyException.class);
    assertThatThrownBy(() -> VerificationKey.decode(new Key("rsa", null, Base64.getEncoder().encodeToString(spki)), KeyEncoding.NOTARY))
        .isInstanceOf(UnsupportedKeyException.class);
  }

  @Test
  void keytypeAndSchemeMustBeASpecPair() {
    SigningKey ed = key(KeyEncoding.TUF, KeyAlgorithm.ED25519);
    SigningKey ec = key(KeyEncoding.TUF, KeyAlgorithm.ECDSA_P256);
    for (Key k : List.of(
        new Key("ed25519", "ecdsa-sha2-nistp256", ed.publicKey().publicValue()),
        new Key("ed25519", null, ed.publicKey().publicValue()),
        new Key("ecdsa", "ed25519", ec.publicKey().publicValue()),
        new Key("ecdsa", "ecdsa-sha2-nistp384", ec.publicKey().publicValue()),
        new Key("rsa", "rsa-pkcs1v15-sha256", ec.publicKey().publicValue()),
        new Key("ed25519", "ed25519", ec.publicKey().publicValue()),
        new Key("ecdsa", "ecdsa-sha2-nistp256", ed.publicKey().publicValue()),
        new Key("ed25519", "ed25519", "00".repeat(31)),
        new Key("ed25519", "ed25519", "zz".repeat(32)),
        new Key("unknown", "unknown", "x"))) {
      assertThatThrownBy(() -> VerificationKey.decode(k, KeyEncoding.TUF)).as(k.toString())
          .isInstanceOf(UnsupportedKeyException.class);
    }
  }

  @Test
  void notaryKeysThatAreNotBase64OrNotKeysAreUnusable() {
    for (Key k : List.of(
        new Key("ed25519", null, "not base64!"),
        new Key("ed25519", null, Base64.getEncoder().encodeToString(new byte[31])),
        new Key("ecdsa", null, Base64.getEncoder().encodeToString(new byte[91])),
        new Key("ecdsa-x509", null, Base64.getEncoder().encodeToString("not a cert".getBytes(StandardCharsets.US_ASCII))),
        new Key("rsa-x509", null, "AAAA"),
        new Key("eddsa", null, "AAAA"))) {
      assertThatThrownBy(() -> VerificationKey.decode(k, KeyEncoding.NOTARY)).as(k.toString())
          .isInstanceOf(UnsupportedKeyException.class);
    }
  }

  @Test
  void notaryX509RootKeyVerifiesAndItsBareKeyHasTheSameMaterial() throws Exception {
    SigningKey x509 = key(KeyEncoding.NOTARY, KeyAlgorithm.ECDSA_P256_X509);
    Signature sig = x509.sign(PAYLOAD);
    assertThat(sig.method()).isEqualTo("ecdsa");
    assertThat(verifier(x509).verify(PAYLOAD, sig.value())).isTrue();
  }
}
