package dev.mallory.crypto;

import dev.mallory.model.Key;
import dev.mallory.model.Signature;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts the distinct trusted keys that validly signed a payload (5.3.4, 5.4.2, 5.5.3, 5.6.3).
 *
 * <p>Each key counts once however often its key id appears among the signatures (CVE-2020-6174,
 * CVE-2020-15093), and two key ids naming the same key material count once (go-tuf
 * GHSA-3633-5h82-39pq). Only signatures whose key id the role lists are verified at all, which
 * bounds the work a file full of bogus signatures can cause (CVE-2020-6173).
 */
public final class ThresholdCheck {
  private ThresholdCheck() {}

  /**
   * @param verifiedKeyIds the role's key ids that contributed a valid signature
   * @param unusableKeyIds listed key ids whose key is missing or cannot be decoded
   */
  public record Result(int valid, int threshold, List<String> verifiedKeyIds, List<String> unusableKeyIds) {
    public boolean reached() {
      return threshold >= 1 && valid >= threshold;
    }
  }

  public static Result count(
      byte[] payload,
      List<Signature> signatures,
      Map<String, Key> keys,
      List<String> roleKeyIds,
      int threshold,
      KeyEncoding encoding) {
    Set<String> materials = new HashSet<>();
    List<String> verified = new ArrayList<>();
    List<String> unusable = new ArrayList<>();
    for (String keyId : new LinkedHashSet<>(roleKeyIds)) {
      Key key = keys.get(keyId);
      if (key == null) {
        unusable.add(keyId);
        continue;
      }
      VerificationKey verifier;
      try {
        verifier = VerificationKey.decode(key, encoding);
      } catch (UnsupportedKeyException e) {
        unusable.add(keyId);
        continue;
      }
      if (materials.contains(verifier.material())) {
        continue;
      }
      for (Signature signature : signatures) {
        if (signature.keyId().equals(keyId) && verifier.verify(payload, signature.value())) {
          materials.add(verifier.material());
          verified.add(keyId);
          break;
        }
      }
    }
    return new Result(verified.size(), threshold, List.copyOf(verified), List.copyOf(unusable));
  }
}
