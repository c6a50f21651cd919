package dev.mallory.sut.naive;

import dev.mallory.client.errors.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * HTTP GET with a byte cap and a total deadline, over java.net.http. The naive clients are naive
 * about TUF's rules, not about the machine they run on: every body is read against a cap (so
 * endless data cannot exhaust the harness) and every transfer against a deadline (so a drip-feeding
 * server cannot hang it), whatever else the client gets wrong.
 */
final class BoundedFetcher {
  /** Per file, headers and body together. Below {@code CliClient.DEFAULT_TIMEOUT}, so the client reports it. */
  static final Duration DEADLINE = Duration.ofSeconds(20);

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .proxy(java.net.ProxySelector.of(null)) // the URL is the proxy already; no system proxy
          .build();

  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "naive-fetch-deadline");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param status the HTTP status
   * @param body the body, at most the cap (empty unless 200)
   * @param truncated true when the body went past the cap and only the first bytes were kept
   */
  record Response(int status, byte[] body, boolean truncated) {}

  private BoundedFetcher() {}

  /** GETs a file; more than {@code cap} bytes is a refusal (endless data, spec 5.x.1). */
  static Response get(URI uri, long cap) throws Refusal {
    Response response = fetch(uri, cap);
    if (response.truncated()) {
      throw new Refusal(Reason.OVERSIZED_DOWNLOAD, uri + " exceeds the maximum length of " + cap + " bytes");
    }
    return response;
  }

  /** GETs a file and keeps at most {@code cap} bytes, silently: for the client that never checks. */
  static Response getTruncating(URI uri, long cap) throws Refusal {
    return fetch(uri, cap);
  }

  private static Response fetch(URI uri, long cap) throws Refusal {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(DEADLINE).GET().build();
    AtomicBoolean late = new AtomicBoolean();
    HttpResponse<InputStream> response;
    try {
      response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new Refusal(Reason.SLOW_RETRIEVAL, "timed out waiting for " + uri, e);
    } catch (IOException e) {
      throw new Refusal(Reason.DOWNLOAD_ERROR, "download of " + uri + " failed: connection error " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Refusal(Reason.DOWNLOAD_ERROR, "download of " + uri + " interrupted", e);
    }
    try (InputStream in = response.body()) {
      if (response.statusCode() != 200) {
        return new Response(response.statusCode(), new byte[0], false);
      }
      // Closing the stream is the only way to end a blocked read: the watchdog does it at the deadline.
      ScheduledFuture<?> guard =
          WATCHDOG.schedule(
              () -> {
                late.set(true);
                try {
                  in.close();
                } catch (IOException ignored) {
                  // closing is all we can do
                }
              },
              DEADLINE.toMillis(),
              TimeUnit.MILLISECONDS);
      try {
        int limit = (int) Math.min(cap, Integer.MAX_VALUE - 16);
        byte[] kept = in.readNBytes(limit);
        boolean more = kept.length == limit && in.read() >= 0;
        return new Response(200, kept, more);
      } finally {
        guard.cancel(false);
      }
    } catch (IOException e) {
      if (late.get()) {
        throw new Refusal(Reason.SLOW_RETRIEVAL, "timed out reading " + uri + " (over " + DEADLINE.toSeconds() + " s)", e);
      }
      throw new Refusal(Reason.DOWNLOAD_ERROR, "download of " + uri + " failed: connection error " + e, e);
    }
  }
}
