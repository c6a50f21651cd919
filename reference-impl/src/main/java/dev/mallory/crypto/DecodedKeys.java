package dev.mallory.crypto;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small LRU of decoded public keys. Decoding is deterministic and {@link VerificationKey}s are
 * immutable, so the same key object (keytype, scheme, public value, encoding) always decodes to an
 * equivalent verifier. It matters for hash-bin delegations: all 1,024 bins of a succinct delegation
 * share one key, which was decoded again (hex, point decompression and validation) for every bin.
 * Failures are not cached: a key that does not decode is re-examined, and refused, every time.
 */
final class DecodedKeys {
  private static final int CAPACITY = 512;

  record CacheKey(KeyEncoding encoding, String type, String scheme, String value) {
    // Written out: a record's generated equals/hashCode go through invokedynamic, slow until
    // compiled, and a key is looked up for every signature checked.
    @Override
    public boolean equals(Object o) {
      return o instanceof CacheKey k && encoding == k.encoding && type.equals(k.type)
          && java.util.Objects.equals(scheme, k.scheme) && value.equals(k.value);
    }

    @Override
    public int hashCode() {
      return ((encoding.hashCode() * 31 + type.hashCode()) * 31 + java.util.Objects.hashCode(scheme)) * 31
          + value.hashCode();
    }
  }

  private static final Map<CacheKey, VerificationKey> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<CacheKey, VerificationKey> eldest) {
      return size() > CAPACITY;
    }
  };

  private DecodedKeys() {}

  static synchronized VerificationKey get(CacheKey key) {
    return CACHE.get(key);
  }

  static synchronized void put(CacheKey key, VerificationKey value) {
    CACHE.put(key, value);
  }
}
