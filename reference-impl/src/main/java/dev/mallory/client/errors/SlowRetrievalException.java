package dev.mallory.client.errors;

import java.time.Duration;

/** SlowRetrievalError: the peer did not connect, or left a gap between bytes, longer than allowed. */
public final class SlowRetrievalException extends TufClientException {
  private final String url;
  private final Duration limit;

  public SlowRetrievalException(String url, Duration limit, Throwable cause) {
    super("download of " + url + " stalled longer than " + limit, cause);
    this.url = url;
    this.limit = limit;
  }

  public String url() {
    return url;
  }

  public Duration limit() {
    return limit;
  }

  @Override
  public Reason reason() {
    return Reason.SLOW_RETRIEVAL;
  }
}
