package dev.mallory.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallory.json.Json;
import dev.mallory.model.Key;
import dev.mallory.model.Signature;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Threshold counting (5.3.4 and its repeats): distinct trusted keys with a valid signature. */
class ThresholdCheckTest {
  private static final byte[] PAYLOAD = "{\"signed\":true}".getBytes(StandardCharsets.UTF_8);

  /** Five keys of mixed types, as a dialect publishes them. */
  private static List<SigningKey> five(KeyEncoding e) {
    return List.of(
        CryptoTest.key(e, KeyAlgorithm.ED25519),
        CryptoTest.key(e, KeyAlgorithm.ECDSA_P256),
        CryptoTest.key(e, KeyAlgorithm.RSA_PSS),
        KeyGenerator.generate(KeyAlgorithm.ED25519, e),
        KeyGenerator.generate(KeyAlgorithm.ECDSA_P256, e));
  }

  private static Map<String, Key> keys(List<SigningKey> ks) {
    Map<String, Key> out = new LinkedHashMap<>();
    ks.forEach(k -> out.put(k.keyId(), k.publicKey()));
    return out;
  }

  private static List<String> ids(List<SigningKey> ks) {
    return ks.stream().map(SigningKey::keyId).toList();
  }

  private static ThresholdCheck.Result count(List<Signature> sigs, List<SigningKey> trusted, int threshold, KeyEncoding e) {
    return ThresholdCheck.count(PAYLOAD, sigs, keys(trusted), ids(trusted), threshold, e);
  }

  private static List<Signature> signBy(List<SigningKey> ks) {
    return ks.stream().map(k -> k.sign(PAYLOAD)).toList();
  }

  @ParameterizedTest(name = "{0}: 3-of-5 is reached by exactly three or more valid signatures")
  @EnumSource(KeyEncoding.class)
  void threeOfFiveCountsDistinctValidSignatures(KeyEncoding e) {
    List<SigningKey> ks = five(e);
    for (int signers = 0; signers <= 5; signers++) {
      ThresholdCheck.Result r = count(signBy(ks.subList(0, signers)), ks, 3, e);
      assertThat(r.valid()).isEqualTo(signers);
      assertThat(r.reached()).as("%d signers", signers).isEqualTo(signers >= 3);
      assertThat(r.verifiedKeyIds()).containsExactlyElementsOf(ids(ks.subList(0, signers)));
    }
  }

  @ParameterizedTest(name = "{0}: invalid extra signatures do not spoil a reached threshold")
  @EnumSource(KeyEncoding.class)
  void invalidSignaturesAmongValidOnesDoNotCountAndDoNotHurt(KeyEncoding e) {
    List<SigningKey> ks = five(e);
    List<Signature> sigs = new ArrayList<>(signBy(ks.subList(0, 3)));
    sigs.add(new Signature(ks.get(3).keyId(), sigs.get(0).method(), new byte[64]));
    sigs.add(ks.get(4).sign("other payload".getBytes(StandardCharsets.UTF_8)));
    ThresholdCheck.Result r = count(sigs, ks, 3, e);
    assertThat(r.valid()).isEqualTo(3);
    assertThat(r.reached()).isTrue();
  }

  @ParameterizedTest(name = "{0}: a signature under a key id the role does not list does not count")
  @EnumSource(KeyEncoding.class)
  void signatureForKeyIdOutsideTheRoleDoesNotCount(KeyEncoding e) {
    List<SigningKey> ks = five(e);
    // All five keys are known (in the key map), but the role lists only the first two.
    ThresholdCheck.Result r =
        ThresholdCheck.count(PAYLOAD, signBy(ks), keys(ks), ids(ks.subList(0, 2)), 3, e);
    assertThat(r.valid()).isEqualTo(2);
    assertThat(r.reached()).isFalse();
  }

  @ParameterizedTest(name = "{0}: a signature under an unknown key id simply does not count")
  @EnumSource(KeyEncoding.class)
  void signatureWithUnknownKeyIdDoesNotCount(KeyEncoding e) {
    List<SigningKey> ks = five(e);
    List<Signature> sigs = new ArrayList<>();
    for (SigningKey k : ks) {
      sigs.add(k.signAs("ab".repeat(32), PAYLOAD));
    }
    ThresholdCheck.Result r = count(sigs, ks, 1, e);
    assertThat(r.valid()).isZero();
    assertThat(r.reached()).isFalse();
  }

  @ParameterizedTest(name = "{0}: a valid signature filed under another listed key's id does not count")
  @EnumSource(KeyEncoding.class)
  void signatureFiledUnderTheWrongKeyIdDoesNotCount(KeyEncoding e) {
    List<SigningKey> ks = five(e);
    Signature swapped = ks.get(0).signAs(ks.get(1).keyId(), PAYLOAD);
    assertThat(count(List.of(swapped), ks, 1, e).valid()).isZero();
  }

  @ParameterizedTest(name = "{0}: the same key under two key ids counts once")
  @EnumSource(KeyEncoding.class)
  void sameKeyUnderTwoKeyIdsCountsOnce(KeyEncoding e) {
    for (KeyAlgorithm alg : List.of(KeyAlgorithm.ED25519, KeyAlgorithm.ECDSA_P256, KeyAlgorithm.RSA_PSS)) {
      SigningKey k = CryptoTest.key(e, alg);
      Key alias = new Key(k.publicKey().keyType(), k.publicKey().scheme(), k.publicKey().publicValue(),
          Map.of("x-alias", Json.nodes().textNode("second id")));
      String aliasId = KeyIds.of(alias, e);
      assertThat(aliasId).isNotEqualTo(k.keyId());
      Map<String, Key> keys = Map.of(k.keyId(), k.publicKey(), aliasId, alias);
      ThresholdCheck.Result r = ThresholdCheck.count(PAYLOAD,
          List.of(k.sign(PAYLOAD), k.signAs(aliasId, PAYLOAD)), keys, List.of(k.keyId(), aliasId), 2, e);
      assertThat(r.valid()).as("%s", alg).isEqualTo(1);
      assertThat(r.reached()).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}: the same key id listed twice in the role counts once")
  @EnumSource(KeyEncoding.class)
  void keyIdListedTwiceInTheRoleCountsOnce(KeyEncoding e) {
    SigningKey k = CryptoTest.key(e, KeyAlgorithm.ED25519);
    ThresholdCheck.Result r = ThresholdCheck.count(PAYLOAD, List.of(k.sign(PAYLOAD)),
        Map.of(k.keyId(), k.publicKey()), List.of(k.keyId(), k.keyId()), 2, e);
    assertThat(r.valid()).isEqualTo(1);
    assertThat(r.reached()).isFalse();
  }

  @ParameterizedTest(name = "{0}: the same signature repeated counts once")
  @EnumSource(KeyEncoding.class)
  void repeatedSignatureCountsOnce(KeyEncoding e) {
    SigningKey k = CryptoTest.key(e, KeyAlgorithm.ECDSA_P256);
    Signature s = k.sign(PAYLOAD);
    ThresholdCheck.Result r = ThresholdCheck.count(PAYLOAD, List.of(s, s, s),
        Map.of(k.keyId(), k.publicKey()), List.of(k.keyId()), 2, e);
    assertThat(r.valid()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}: threshold 0 is never reached, even with valid signatures")
  @EnumSource(KeyEncoding.class)
  void thresholdZeroIsNeverReached(KeyEncoding e) {
    List<SigningKey> ks = five(e);
    assertThat(count(signBy(ks), ks, 0, e).reached()).isFalse();
    assertThat(count(List.of(), ks, 0, e).reached()).isFalse();
    assertThat(count(List.of(), ks, -1, e).reached()).isFalse();
  }

  @ParameterizedTest(name = "{0}: a listed key id without a key, or with an undecodable key, is unusable")
  @EnumSource(KeyEncoding.class)
  void missingOrUndecodableKeysAreReportedUnusable(KeyEncoding e) {
    SigningKey k = CryptoTest.key(e, KeyAlgorithm.ED25519);
    Key broken = new Key("ed25519", e == KeyEncoding.TUF ? "ed25519" : null, "%%%");
    ThresholdCheck.Result r = ThresholdCheck.count(PAYLOAD, List.of(k.sign(PAYLOAD), k.signAs("broken", PAYLOAD)),
        Map.of(k.keyId(), k.publicKey(), "broken", broken), List.of("missing", "broken", k.keyId()), 1, e);
    assertThat(r.unusableKeyIds()).containsExactly("missing", "broken");
    assertThat(r.valid()).isEqualTo(1);
    assertThat(r.reached()).isTrue();
  }
}
