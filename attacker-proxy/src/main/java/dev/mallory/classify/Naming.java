package dev.mallory.classify;

/** How a metadata file was named in the URL: the three forms TUF and Notary use. */
public enum Naming {
  /** {@code timestamp.json}: whatever is current. */
  BY_NAME,
  /** {@code 3.snapshot.json}: a consistent-snapshot or root-chain fetch. */
  BY_VERSION,
  /** {@code snapshot.<sha256>.json}: Notary's fetch by the hash the parent lists. */
  BY_HASH,
  /** Not a metadata file. */
  NONE
}
