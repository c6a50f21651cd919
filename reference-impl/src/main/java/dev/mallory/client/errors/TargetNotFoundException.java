package dev.mallory.client.errors;

/** 5.7: no trusted targets role on a permitted delegation chain lists the path. */
public final class TargetNotFoundException extends TufClientException {
  private final String path;

  public TargetNotFoundException(String path) {
    super("no trusted targets metadata lists " + path);
    this.path = path;
  }

  public String path() {
    return path;
  }

  @Override
  public Reason reason() {
    return Reason.TARGET_NOT_FOUND;
  }
}
