package dev.mallory.client.errors;

/** A role name or target path that would resolve outside its directory (CVE-2021-41131 class). */
public final class UnsafePathException extends TufClientException {
  private final String name;

  public UnsafePathException(String name, String why) {
    super("unsafe name " + name + ": " + why);
    this.name = name;
  }

  public String name() {
    return name;
  }

  @Override
  public Reason reason() {
    return Reason.UNSAFE_PATH;
  }
}
