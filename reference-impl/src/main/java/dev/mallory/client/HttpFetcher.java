package dev.mallory.client;

import dev.mallory.client.errors.DownloadException;
import dev.mallory.client.errors.DownloadHttpException;
import dev.mallory.client.errors.DownloadLengthExceededException;
import dev.mallory.client.errors.SlowRetrievalException;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;

/**
 * {@link Fetcher} over {@link HttpURLConnection}: it streams, and its read timeout is a per-read
 * gap (SO_TIMEOUT), which is what a slow-retrieval defence needs (java.net.http's timeout stops at
 * the response headers). A whole-transfer deadline is checked after every chunk.
 *
 * <p>Connections are kept alive (the JDK's keep-alive cache) only after a body was read completely
 * and the transfer succeeded; any refusal, error status or timeout closes the connection, so a
 * hostile peer's unread bytes never reach the next request. Reusing the connection matters with
 * hash-bin delegations: a fresh TCP connection per bin cost about 30 ms per role on a loaded
 * machine (benchmark in scenarios' SideBySideClientBenchmark), three times tuf-js's total.
 */
public final class HttpFetcher implements Fetcher {
  private static final int CHUNK = 64 * 1024;

  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration deadline;

  public HttpFetcher(UpdaterConfig config) {
    this.connectTimeout = config.connectTimeout();
    this.readTimeout = config.readTimeout();
    this.deadline = config.downloadDeadline();
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
    try {
      connection.setConnectTimeout(millis(connectTimeout));
      connection.setReadTimeout(millis(readTimeout));
      connection.setUseCaches(false);
      connection.setRequestProperty("Accept-Encoding", "identity");
      connection.setRequestProperty("User-Agent", "mallory-reference-client/0.1");
      int status = connection.getResponseCode();
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
      reusable = true; // the whole body was read, accepted and closed at its end
    } catch (SocketTimeoutException e) {
      throw new SlowRetrievalException(where, readTimeout, e);
    } catch (IOException e) {
      throw new DownloadException(where, e.toString(), e);
    } finally {
      if (!reusable) {
        connection.disconnect(); // never hand a half-read (or hostile) connection to the next request
      }
    }
  }

  private static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
  }
}
