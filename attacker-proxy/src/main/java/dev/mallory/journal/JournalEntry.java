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
 * @param upstreamSha256 hex SHA-256 of upstream's body, {@code null} if none
 * @param upstreamError why upstream gave no answer, {@code null} if it did
 * @param effect the effect applied ({@code Passthrough}, {@code ReplayRecorded}, ...)
 * @param attackId the id of the applied attack that fired, {@code null} when none did
 * @param attackType its type name ({@code rollback}, ...)
 * @param sentStatus the status sent to the client, 0 when the connection was reset
 * @param sentBytes body bytes actually written to the client
 * @param sentSha256 hex SHA-256 of what was sent when it was a whole body, else {@code null}
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
    String upstreamSha256,
    String upstreamError,
    String effect,
    String attackId,
    String attackType,
    int sentStatus,
    long sentBytes,
    String sentSha256,
    long micros) {

  /** True when an attack changed this exchange. */
  public boolean attacked() {
    return attackId != null;
  }

  public String role() {
    return request.role();
  }
}
