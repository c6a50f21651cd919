package dev.mallory.journal;

import dev.mallory.classify.Classified;
import java.time.Instant;

/**
 * One exchange as the proxy saw it: what was asked, what upstream answered, what was sent instead.
 *
 * @param seq position in the journal, increasing from 1
 * @param at when the request arrived
 * @param host the host the client asked for (Host header or CONNECT target)
 * @param request the classified request
 * @param upstreamStatus upstream's status, 0 if upstream could not be reached
 * @param upstreamLength upstream body length, -1 if none
 * @param upstreamDigest hex SHA-256 of upstream's body ({@link #upstreamSha256()}), computed on first
 *     use; {@code null} if none
 * @param upstreamError why upstream gave no answer, {@code null} if it did
 * @param retriedAfter why the request was sent upstream a second time, on a fresh connection: a
 *     reused kept-alive connection failed before one byte of an answer (RFC 9110 9.2.2, idempotent
 *     methods only); the upstream fields above are the second attempt's. {@code null} when sent once
 * @param effect the effect applied ({@code Passthrough}, {@code ReplayRecorded}, ...)
 * @param attackId the id of the applied attack that fired, {@code null} when none did
 * @param attackType its type name ({@code rollback}, ...)
 * @param sentStatus the status sent to the client, 0 when the connection was reset
 * @param sentBytes body bytes actually written to the client
 * @param sentDigest hex SHA-256 of what was sent when it was a whole body ({@link #sentSha256()}),
 *     else {@code null}
 * @param micros from request arrival to the response handed to the socket (whole bodies) or to the
 *     last byte written (endless and dripped bodies)
 */
public record JournalEntry(
    long seq,
    Instant at,
    String host,
    Classified request,
    int upstreamStatus,
    long upstreamLength,
    LazySha256 upstreamDigest,
    String upstreamError,
    String retriedAfter,
    String effect,
    String attackId,
    String attackType,
    int sentStatus,
    long sentBytes,
    LazySha256 sentDigest,
    long micros) {

  /**
   * Hex SHA-256 of upstream's body; {@code null} if there was none, or if it was larger than
   * {@link LazySha256#MAX_HELD_BYTES} and not recorded (such bodies are not hashed at all).
   */
  public String upstreamSha256() {
    return upstreamDigest == null ? null : upstreamDigest.hex();
  }

  /** Hex SHA-256 of what was sent when it was a whole body (same size rule), else {@code null}. */
  public String sentSha256() {
    return sentDigest == null ? null : sentDigest.hex();
  }

  /** True when an attack changed this exchange. */
  public boolean attacked() {
    return attackId != null;
  }

  public String role() {
    return request.role();
  }
}
