package dev.mallory.registry;

/** A manifest's reference to a blob: media type, exact size, digest (OCI descriptor). */
public record Descriptor(String mediaType, long size, Digest digest) {
  public Descriptor {
    if (mediaType == null || mediaType.isEmpty()) {
      throw new IllegalArgumentException("a descriptor needs a media type");
    }
    if (size < 0) {
      throw new IllegalArgumentException("negative blob size " + size);
    }
    if (digest == null) {
      throw new IllegalArgumentException("a descriptor needs a digest");
    }
  }
}
