package dev.mallory.repo;

/**
 * What the TUF timestamp and snapshot list about the files they pin (spec 4.4, 4.6: length and
 * hashes are optional; the version is required). Notary always pins by length and hashes.
 */
public enum MetaListing {
  /** The timestamp lists the snapshot's version, length and sha256; the snapshot only versions. */
  TIMESTAMP_HASHED,
  /** Both list version, length and sha256 of every file they pin. */
  ALL_HASHED,
  /** Both list versions only: a mismatch is caught by the version alone (5.5.4, 5.6.4). */
  VERSIONS_ONLY
}
