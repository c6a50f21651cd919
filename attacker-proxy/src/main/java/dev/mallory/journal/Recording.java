package dev.mallory.journal;

import dev.mallory.classify.FileKind;
import dev.mallory.dialect.Dialect;
import java.time.Instant;

/**
 * One distinct file upstream served: validly signed, replayable later (rollback, freeze, mix-and-match
 * replay real files instead of forging them, so no key is needed).
 *
 * @param seq recorder sequence number; a {@link Moment} is a sequence number
 * @param at when it was first seen
 * @param repository GUN or TUF repository name
 * @param dialect the layout it was served in
 * @param kind metadata or target
 * @param role role name for metadata, {@code null} for a target
 * @param targetPath target path for a target, {@code null} for metadata
 * @param version {@code signed.version} for metadata, {@code null} if unreadable or a target
 * @param sha256 hex SHA-256 of the bytes
 * @param path the URL path it was first served at
 */
public record Recording(
    long seq,
    Instant at,
    String repository,
    Dialect dialect,
    FileKind kind,
    String role,
    String targetPath,
    Long version,
    String sha256,
    int length,
    String path,
    byte[] bytes) {

  public Recording {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Whether these are the recorded bytes, without copying them. */
  boolean sameBytes(byte[] other) {
    return java.util.Arrays.equals(bytes, other);
  }

  /** Whether {@code other}'s remaining bytes are the recorded bytes (its position is left as it was). */
  boolean sameBytes(java.nio.ByteBuffer other) {
    return java.nio.ByteBuffer.wrap(bytes).equals(other);
  }

  /** The same without the bytes, for listings. */
  @Override
  public String toString() {
    return "Recording[" + repository + " " + (role != null ? role + " v" + version : targetPath)
        + " " + sha256.substring(0, 12) + " " + length + "B seq=" + seq + "]";
  }
}
