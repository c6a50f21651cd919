package dev.mallory.registry.errors;

/** A (possibly signed) layer inflates beyond the configured bound of unpacked bytes. */
public final class DecompressionBombException extends ContentTrustException {
  private final long limit;

  public DecompressionBombException(String layer, long limit) {
    super("layer " + layer + " inflates beyond " + limit + " bytes (decompression bomb)");
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
