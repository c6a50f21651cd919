package dev.mallory.journal;

/**
 * A body's hex SHA-256 computed on first use: the journal keeps one per exchange, and most are never
 * read. Holds the bytes until then (only bodies up to {@link #MAX_HELD_BYTES}; a larger body not
 * already hashed by the recorder is not hashed at all, see {@link #of}).
 */
public final class LazySha256 {
  /** Largest body kept around to hash later. */
  public static final int MAX_HELD_BYTES = 64 * 1024;

  private byte[] bytes;
  private volatile String hex;

  private LazySha256(byte[] bytes, String hex) {
    this.bytes = bytes;
    this.hex = hex;
  }

  /** An already known digest. */
  public static LazySha256 known(String hex) {
    return hex == null ? null : new LazySha256(null, hex);
  }

  /**
   * The digest of {@code body}, computed when first asked for; {@code null} (no digest) for no body
   * or a body above {@link #MAX_HELD_BYTES}. The caller must not change the array afterwards.
   */
  public static LazySha256 of(byte[] body) {
    return body == null || body.length > MAX_HELD_BYTES ? null : new LazySha256(body, null);
  }

  public String hex() {
    String h = hex;
    if (h == null) {
      synchronized (this) {
        if (hex == null) {
          hex = Recorder.sha256Hex(bytes);
          bytes = null;
        }
        h = hex;
      }
    }
    return h;
  }

  @Override
  public String toString() {
    return hex();
  }
}
