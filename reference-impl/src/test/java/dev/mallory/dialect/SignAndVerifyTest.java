package dev.mallory.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mallory.crypto.KeyAlgorithm;
import dev.mallory.crypto.KeyGenerator;
import dev.mallory.crypto.SigningKey;
import dev.mallory.crypto.ThresholdCheck;
import dev.mallory.model.InvalidMetadataException;
import dev.mallory.model.Key;
import dev.mallory.model.Metadata;
import dev.mallory.model.Role;
import dev.mallory.model.Root;
import dev.mallory.model.Signature;
import dev.mallory.model.Timestamp;
import dev.mallory.model.MetaFile;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignAndVerifyTest {
  private static final Instant EXPIRES = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

  @ParameterizedTest(name = "{0} root signed with {1} parses and reaches its threshold")
  @CsvSource({
    "TUF_1_0, ED25519", "TUF_1_0, ECDSA_P256", "TUF_1_0, RSA_PSS",
    "NOTARY, ED25519", "NOTARY, ECDSA_P256", "NOTARY, ECDSA_P256_X509"
  })
  void rootSignedWithEachKeyTypeVerifiesOverReceivedBytes(Dialect dialect, KeyAlgorithm algorithm) {
    SigningKey key = KeyGenerator.generate(algorithm, dialect.keyEncoding(), "example.com/app");
    Root root = rootTrusting(key);

    Metadata<Root> signed = dialect.sign(root, List.of(key));
    Metadata<Root> parsed = dialect.parse(signed.raw(), Root.class);

    assertThat(parsed.signed()).isEqualTo(root);
    assertThat(count(parsed, dialect).reached()).isTrue();
  }

  @ParameterizedTest(name = "{0}: a flipped byte in signed data breaks the signature")
  @CsvSource({"TUF_1_0", "NOTARY"})
  void tamperedSignedDataFailsVerification(Dialect dialect) {
    SigningKey key = KeyGenerator.generate(KeyAlgorithm.ED25519, dialect.keyEncoding());
    byte[] raw = dialect.sign(rootTrusting(key), List.of(key)).raw();
    String tampered = new String(raw, StandardCharsets.UTF_8).replace("\"version\":1", "\"version\":2");

    Metadata<Root> parsed = dialect.parse(tampered.getBytes(StandardCharsets.UTF_8), Root.class);

    assertThat(parsed.signed().version()).isEqualTo(2);
    assertThat(count(parsed, dialect).valid()).isZero();
  }

  @ParameterizedTest(name = "{0}: one signature repeated under the same key id is refused at parse time")
  @CsvSource({"TUF_1_0", "NOTARY"})
  void duplicateSignatureKeyIdsAreRefused(Dialect dialect) {
    SigningKey key = KeyGenerator.generate(KeyAlgorithm.ED25519, dialect.keyEncoding());
    Metadata<Root> signed = dialect.sign(rootTrusting(key), List.of(key));
    Signature sig = signed.signatures().get(0);
    byte[] raw = dialect.envelope(dialect.toJson(signed.signed()), List.of(sig, sig));

    assertThatThrownBy(() -> dialect.parse(raw)).isInstanceOf(InvalidMetadataException.class)
        .hasMessageContaining("listed twice");
  }

  @ParameterizedTest(name = "{0}: one key listed under two key ids counts once")
  @CsvSource({"TUF_1_0", "NOTARY"})
  void sameKeyUnderTwoKeyIdsCountsOnce(Dialect dialect) {
    SigningKey key = KeyGenerator.generate(KeyAlgorithm.ED25519, dialect.keyEncoding());
    Key alias = new Key(key.publicKey().keyType(), key.publicKey().scheme(), key.publicKey().publicValue(),
        Map.of("alias", dev.mallory.json.Json.nodes().textNode("x")));
    String aliasId = dev.mallory.crypto.KeyIds.of(alias, dialect.keyEncoding());
    byte[] payload = "payload".getBytes(StandardCharsets.UTF_8);

    ThresholdCheck.Result result = ThresholdCheck.count(payload,
        List.of(key.sign(payload), key.signAs(aliasId, payload)),
        Map.of(key.keyId(), key.publicKey(), aliasId, alias),
        List.of(key.keyId(), aliasId), 2, dialect.keyEncoding());

    assertThat(result.valid()).isEqualTo(1);
    assertThat(result.reached()).isFalse();
  }

  @ParameterizedTest(name = "{0}: timestamp meta round-trips hashes and length")
  @CsvSource({"TUF_1_0", "NOTARY"})
  void timestampMetaRoundTrips(Dialect dialect) {
    SigningKey key = KeyGenerator.generate(KeyAlgorithm.ECDSA_P256, dialect.keyEncoding());
    OptionalLong version = dialect == Dialect.TUF_1_0 ? OptionalLong.of(3) : OptionalLong.empty();
    Timestamp ts = new Timestamp(7, EXPIRES, dialect == Dialect.TUF_1_0 ? Dialect.SPEC_VERSION : null,
        new MetaFile(version, OptionalLong.of(512), Map.of("sha256", "ab".repeat(32))), Map.of());

    Metadata<Timestamp> parsed = dialect.parse(dialect.sign(ts, List.of(key)).raw(), Timestamp.class);

    assertThat(parsed.signed()).isEqualTo(ts);
  }

  private static Root rootTrusting(SigningKey key) {
    Role role = new Role(List.of(key.keyId()), 1);
    return new Root(1, EXPIRES, key.encoding() == dev.mallory.crypto.KeyEncoding.TUF ? Dialect.SPEC_VERSION : null, true, Map.of(key.keyId(), key.publicKey()),
        Map.of("root", role, "timestamp", role, "snapshot", role, "targets", role), Map.of());
  }

  private static ThresholdCheck.Result count(Metadata<Root> md, Dialect dialect) {
    Role role = md.signed().role(dev.mallory.model.RoleType.ROOT);
    return ThresholdCheck.count(md.signedBytes(), md.signatures(), md.signed().keys(), role.keyIds(),
        role.threshold(), dialect.keyEncoding());
  }
}
