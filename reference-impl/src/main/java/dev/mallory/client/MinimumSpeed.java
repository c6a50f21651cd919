package dev.mallory.client;

import java.time.Duration;

/**
 * The slowest transfer the client sits through (curl's {@code --speed-limit}/{@code --speed-time},
 * git's {@code http.lowSpeedLimit}/{@code lowSpeedTime}): a download during which fewer than
 * {@code bytes} body bytes arrive in a {@code window} is aborted with a
 * {@link dev.mallory.client.errors.SlowRetrievalException}. Windows follow each other from the
 * moment the request is sent, so a peer that never answers, drips its headers, or drips its body
 * is stopped after about one window, whatever its per-read gaps.
 *
 * <p>A transfer that ends inside a window is never judged by that window: a small file on a slow
 * link completes. The specification has not named slow retrieval since 2020 (it lists no defence);
 * this bound is the reference client's own.
 *
 * @param bytes the least number of body bytes each window must carry; 0 disables the check
 * @param window how long each window lasts; {@link Duration#ZERO} disables the check
 */
public record MinimumSpeed(long bytes, Duration window) {
  /** No minimum: only the per-read timeout and the whole-download deadline apply. */
  public static final MinimumSpeed NONE = new MinimumSpeed(0, Duration.ZERO);

  public MinimumSpeed {
    if (bytes < 0 || window.isNegative()) {
      throw new IllegalArgumentException("a minimum speed needs non-negative bytes and window, got " + bytes + " per " + window);
    }
    if ((bytes == 0) != window.isZero()) {
      throw new IllegalArgumentException("give both bytes and window of a minimum speed, or neither: " + bytes + " per " + window);
    }
  }

  public boolean enabled() {
    return bytes > 0;
  }

  @Override
  public String toString() {
    return enabled() ? bytes + " bytes per " + window.toMillis() + " ms" : "none";
  }
}
