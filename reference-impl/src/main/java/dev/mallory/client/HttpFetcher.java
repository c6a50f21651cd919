package dev.mallory.client;

import dev.mallory.client.errors.DownloadException;
import dev.mallory.client.errors.DownloadHttpException;
import dev.mallory.client.errors.DownloadLengthExceededException;
import dev.mallory.client.errors.SlowRetrievalException;
import dev.mallory.client.errors.TufClientException;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * {@link Fetcher} over {@link HttpURLConnection}: it streams, and its read timeout is a per-read
 * gap (SO_TIMEOUT), which is what a slow-retrieval defence needs (java.net.http's timeout stops at
 * the response headers). The minimum speed and the whole-transfer deadline are judged by a
 * {@link TransferWatch}; this thread checks its verdict after every read, and no read waits longer
 * than one window of the minimum speed (a window without a single byte is too slow anyway).
 *
 * <p>Connections are kept alive (the JDK's keep-alive cache) only after a body was read completely
 * and the transfer succeeded; any refusal, error status or timeout closes the connection, so a
 * hostile peer's unread bytes never reach the next request. Reusing the connection matters with
 * hash-bin delegations: a fresh TCP connection per bin cost about 30 ms per role on a loaded
 * machine (benchmark in scenarios' SideBySideClientBenchmark), three times tuf-js's total.
 */
public final class HttpFetcher implements Fetcher {
  private static final int CHUNK = 64 * 1024;

  static {
    // disconnect() closes a body left unread only if the JDK may not drain it for reuse: by default
    // it hands bodies of up to 512 KB to its keep-alive cleaner thread, which reads on at the
    // peer's pace (a drip keeps the hostile connection open for minutes) and then caches the
    // connection. 0 closes every abandoned body at once; a fully read body is reused as before.
    // Read once, when the JDK first abandons a body; an explicit setting is left alone.
    if (System.getProperty("http.KeepAlive.remainingData") == null) {
      System.setProperty("http.KeepAlive.remainingData", "0");
    }
  }

  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration deadline;
  private final MinimumSpeed minimumSpeed;

  public HttpFetcher(UpdaterConfig config) {
    this.connectTimeout = config.connectTimeout();
    this.readTimeout = config.readTimeout();
    this.deadline = config.downloadDeadline();
    this.minimumSpeed = config.minimumSpeed();
  }

  @Override
  public void fetch(URI url, long maxLength, Sink sink) {
    String where = url.toString();
    HttpURLConnection connection;
    try {
      if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
        throw new DownloadException(where, "only http and https URLs are fetched", null);
      }
      connection = (HttpURLConnection) url.toURL().openConnection();
    } catch (IOException | IllegalArgumentException e) {
      throw new DownloadException(where, "bad URL: " + e.getMessage(), e);
    }
    long started = System.nanoTime();
    boolean reusable = false;
    HttpURLConnection open = connection;
    TransferWatch watch = new TransferWatch(where, minimumSpeed, deadline, open::disconnect);
    try {
      connection.setConnectTimeout(millis(connectTimeout));
      connection.setReadTimeout(millis(readGap()));
      connection.setUseCaches(false);
      connection.setRequestProperty("Accept-Encoding", "identity");
      connection.setRequestProperty("User-Agent", "mallory-reference-client/0.1");
      int status = connection.getResponseCode();
      watch.check();
      if (status < 200 || status > 299) {
        throw new DownloadHttpException(where, status);
      }
      // An announced length above the cap is refused before a single body byte is read.
      long announced = connection.getContentLengthLong();
      if (announced > maxLength) {
        throw new DownloadLengthExceededException(where, maxLength);
      }
      try (InputStream in = connection.getInputStream()) {
        // Sized by the announced length when there is one (a metadata file is a few KiB, and two
        // 64 KiB buffers per role were most of what 1,024 hash bins allocated); it is only a hint.
        long hint = announced >= 0 ? Math.max(announced + 1, 1024) : CHUNK;
        byte[] buffer = new byte[(int) Math.min(Math.min(CHUNK, maxLength + 1), hint)];
        long total = 0;
        int n;
        while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, maxLength + 1 - total))) != -1) {
          total += n;
          if (total > maxLength) {
            throw new DownloadLengthExceededException(where, maxLength);
          }
          watch.received(n);
          watch.check();
          sink.accept(buffer, 0, n);
          if (!deadline.isZero() && System.nanoTime() - started > deadline.toNanos()) {
            throw new SlowRetrievalException(where, deadline, null);
          }
          if (total == maxLength) {
            // Exactly at the cap: one more byte would be too many; probe without buffering it.
            if (in.read() != -1) {
              throw new DownloadLengthExceededException(where, maxLength);
            }
            break;
          }
        }
      }
      Optional<SlowRetrievalException> tooLate = watch.finish();
      if (tooLate.isPresent()) {
        throw tooLate.get();
      }
      reusable = true; // the whole body was read, accepted and closed at its end
    } catch (IOException e) {
      // A read that failed because the watch closed the connection reports the watch's reason.
      Optional<SlowRetrievalException> aborted = watch.tripped();
      if (aborted.isPresent()) {
        throw aborted.get();
      }
      if (e instanceof SocketTimeoutException && readGap().compareTo(readTimeout) < 0) {
        // A whole window without a byte: below any minimum speed.
        throw new SlowRetrievalException(where, new SlowRetrievalException.TooSlow(
            0, readGap(), minimumSpeed.bytes(), minimumSpeed.window()));
      }
      if (e instanceof SocketTimeoutException) {
        throw new SlowRetrievalException(where, readTimeout, e);
      }
      throw new DownloadException(where, e.toString(), e);
    } catch (RuntimeException e) {
      // HttpURLConnection is not thread-safe: closed by the watch mid-call, it may fail with a
      // NullPointerException instead of an IOException. The watch's reason is the real one.
      Optional<SlowRetrievalException> aborted = watch.tripped();
      if (aborted.isPresent() && !(e instanceof TufClientException)) {
        throw aborted.get();
      }
      throw e;
    } finally {
      watch.close();
      if (!reusable) {
        connection.disconnect(); // never hand a half-read (or hostile) connection to the next request
      }
    }
  }

  /** The longest a single read waits: the read timeout, or one window of the minimum speed if shorter. */
  private Duration readGap() {
    return minimumSpeed.enabled() && minimumSpeed.window().compareTo(readTimeout) < 0 ? minimumSpeed.window() : readTimeout;
  }

  private static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
  }
}
