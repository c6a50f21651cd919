package dev.mallory.client.errors;

import java.time.Duration;
import java.util.Optional;

/**
 * SlowRetrievalError: the peer did not connect, left a gap between bytes longer than allowed, sent
 * too little in a window of the minimum speed, or did not finish before the download's deadline.
 */
public final class SlowRetrievalException extends TufClientException {
  /**
   * What a transfer slower than the minimum speed showed.
   *
   * @param received body bytes that arrived during the window
   * @param window how long the window that was judged lasted (one configured window, or a little more)
   * @param minimum body bytes the configured window must carry
   * @param configuredWindow the configured window
   */
  public record TooSlow(long received, Duration window, long minimum, Duration configuredWindow) {
    @Override
    public String toString() {
      return received + " byte(s) in " + window.toMillis() + " ms; at least " + minimum + " required in every "
          + configuredWindow.toMillis() + " ms";
    }
  }

  private final String url;
  private final Duration limit;
  private final TooSlow tooSlow;

  /** A gap (connect or read) or the whole-download deadline: {@code limit} is the bound that was passed. */
  public SlowRetrievalException(String url, Duration limit, Throwable cause) {
    super("download of " + url + " stalled longer than " + limit, cause);
    this.url = url;
    this.limit = limit;
    this.tooSlow = null;
  }

  /** The minimum speed: too few bytes arrived in one window. */
  public SlowRetrievalException(String url, TooSlow evidence) {
    super("download of " + url + " slower than the minimum speed: " + evidence);
    this.url = url;
    this.limit = evidence.configuredWindow();
    this.tooSlow = evidence;
  }

  public String url() {
    return url;
  }

  /** The bound that was passed: the gap, the deadline, or the minimum speed's window. */
  public Duration limit() {
    return limit;
  }

  /** The evidence of a transfer below the minimum speed; empty for gaps and deadlines. */
  public Optional<TooSlow> tooSlow() {
    return Optional.ofNullable(tooSlow);
  }

  @Override
  public Reason reason() {
    return Reason.SLOW_RETRIEVAL;
  }
}
