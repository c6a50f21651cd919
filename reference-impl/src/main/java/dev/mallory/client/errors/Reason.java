package dev.mallory.client.errors;

/**
 * Why an update was refused, in words every client shares, so a harness can compare a reference
 * client's refusal with a third-party client's (python-tuf and go-tuf error classes map onto these).
 */
public enum Reason {
  /** BadVersionNumberError: a version decreased, skipped, or does not match its parent. */
  ROLLBACK,
  /** ExpiredMetadataError. */
  EXPIRED,
  /** UnsignedMetadataError: below threshold, or not signed by a pinned key. */
  MISSING_SIGNATURES,
  /** LengthOrHashMismatchError. */
  LENGTH_OR_HASH_MISMATCH,
  /** DownloadLengthMismatchError: more bytes than the cap arrived. */
  OVERSIZED_DOWNLOAD,
  /** A correctly signed file of another role type. */
  WRONG_METADATA_TYPE,
  /** No trusted targets metadata lists the path. */
  TARGET_NOT_FOUND,
  /** SlowRetrievalError. */
  SLOW_RETRIEVAL,
  /** A remote-controlled name would escape its directory. */
  UNSAFE_PATH,
  /** Unparsable or structurally invalid metadata (DeserializationError, RepositoryError). */
  INVALID_METADATA,
  /** DownloadError / DownloadHTTPError. */
  DOWNLOAD_ERROR
}
