package dev.mallory.client;

import java.io.ByteArrayOutputStream;
import java.net.URI;

/**
 * Downloads one URL as a stream of chunks, never accepting more than {@code maxLength} bytes: the
 * transfer is aborted as soon as the cap is passed (endless-data attack, 5.3.3 ... 5.7.3).
 * Implementations throw only {@link dev.mallory.client.errors.TufClientException}s:
 * DownloadLengthExceeded, SlowRetrieval, DownloadHttp, Download.
 */
public interface Fetcher {

  /** Receives the body in order; at most {@code maxLength} bytes in total. */
  @FunctionalInterface
  interface Sink {
    void accept(byte[] chunk, int offset, int count);
  }

  void fetch(URI url, long maxLength, Sink sink);

  /** The whole body in memory; callers pass caps small enough to hold (metadata). */
  default byte[] fetchBytes(URI url, long maxLength) {
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(maxLength, 8 * 1024));
    fetch(url, maxLength, out::write);
    return out.toByteArray();
  }
}
