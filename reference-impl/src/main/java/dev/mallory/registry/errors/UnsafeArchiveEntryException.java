package dev.mallory.registry.errors;

/**
 * A tar entry that would escape or subvert the target root: {@code ..} or absolute paths, links
 * pointing out of the root, writes through a symlink, device files, too many entries. Signed
 * layers are refused too: a signature says who published it, not that unpacking it is safe.
 */
public final class UnsafeArchiveEntryException extends ContentTrustException {
  private final String entry;

  public UnsafeArchiveEntryException(String entry, String why) {
    super("unsafe archive entry '" + entry + "': " + why);
    this.entry = entry;
  }

  public String entry() {
    return entry;
  }
}
