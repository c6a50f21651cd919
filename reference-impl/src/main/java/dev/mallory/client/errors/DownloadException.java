package dev.mallory.client.errors;

/** DownloadError: the transfer failed (connection refused, reset, bad URL). */
public class DownloadException extends TufClientException {
  private final String url;

  public DownloadException(String url, String message, Throwable cause) {
    super("download of " + url + " failed: " + message, cause);
    this.url = url;
  }

  public String url() {
    return url;
  }

  @Override
  public Reason reason() {
    return Reason.DOWNLOAD_ERROR;
  }
}
