package dev.mallory.client.errors;

/** DownloadHTTPError: the server answered with a non-2xx status. */
public final class DownloadHttpException extends DownloadException {
  private final int status;

  public DownloadHttpException(String url, int status) {
    super(url, "HTTP status " + status, null);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
