package dev.mallory.model;

import java.util.List;

/**
 * A parsed metadata file: the typed {@code signed} part, its signatures, and the two byte strings
 * that matter for security.
 *
 * @param signed the typed view of {@code signed}
 * @param signatures the envelope's signatures, in file order
 * @param signedBytes the canonical JSON of {@code signed} exactly as received: what the signatures
 *     cover. Never re-serialised from {@link #signed}, so unknown fields stay signed.
 * @param raw the file exactly as served: what hashes and lengths in parent metadata cover, and
 *     what a client persists
 */
public record Metadata<T extends Signed>(
    T signed, List<Signature> signatures, byte[] signedBytes, byte[] raw) {

  public Metadata {
    Checks.present(signed, "signed");
    signatures = List.copyOf(Checks.present(signatures, "signatures"));
    signedBytes = Checks.present(signedBytes, "signed bytes").clone();
    raw = Checks.present(raw, "raw bytes").clone();
  }

  @Override
  public byte[] signedBytes() {
    return signedBytes.clone();
  }

  @Override
  public byte[] raw() {
    return raw.clone();
  }

  public int rawLength() {
    return raw.length;
  }

  public RoleType type() {
    return signed.type();
  }

  public long version() {
    return signed.version();
  }

  /** Narrows to a role type, or explains what was found instead. */
  @SuppressWarnings("unchecked")
  public <S extends Signed> Metadata<S> as(Class<S> type) {
    if (!type.isInstance(signed)) {
      throw new InvalidMetadataException(
          "expected " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT)
              + " metadata, found " + signed.type().roleName());
    }
    return (Metadata<S>) this;
  }
}
