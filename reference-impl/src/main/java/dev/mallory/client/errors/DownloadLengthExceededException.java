package dev.mallory.client.errors;

/**
 * DownloadLengthMismatchError: the server sent (or announced) more than the cap; the download was
 * aborted as soon as the cap was passed (endless-data attack).
 */
public final class DownloadLengthExceededException extends TufClientException {
  private final String url;
  private final long cap;

  public DownloadLengthExceededException(String url, long cap) {
    super("download of " + url + " exceeded the maximum allowed length of " + cap + " bytes");
    this.url = url;
    this.cap = cap;
  }

  public String url() {
    return url;
  }

  public long cap() {
    return cap;
  }

  @Override
  public Reason reason() {
    return Reason.OVERSIZED_DOWNLOAD;
  }
}
