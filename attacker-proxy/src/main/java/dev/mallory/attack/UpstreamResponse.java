package dev.mallory.attack;

/**
 * What upstream answered, as attacks see it.
 *
 * @param status HTTP status, 0 when upstream could not be reached
 * @param body the body (empty when none)
 * @param error why there is no answer, {@code null} when there is one
 */
public record UpstreamResponse(int status, byte[] body, String error) {
  public UpstreamResponse {
    body = body == null ? new byte[0] : body;
  }

  public boolean ok() {
    return status == 200;
  }
}
