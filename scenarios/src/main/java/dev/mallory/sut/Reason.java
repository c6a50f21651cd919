package dev.mallory.sut;

/**
 * Why a client refused an update, in the terms of the specification's protections. The same words
 * as python-tuf's and go-tuf's errors, so reasons line up across implementations.
 */
public enum Reason {
  /** BadVersionNumberError: a version went backwards or did not match its parent. */
  ROLLBACK,
  /** ExpiredMetadataError. */
  EXPIRED,
  /** UnsignedMetadataError: the threshold of trusted keys was not reached. */
  MISSING_SIGNATURES,
  /** LengthOrHashMismatchError. */
  LENGTH_OR_HASH_MISMATCH,
  /** DownloadLengthMismatchError: more bytes than allowed arrived. */
  OVERSIZED_DOWNLOAD,
  /** A file of one role served under another's name. */
  WRONG_METADATA_TYPE,
  /** The target is not listed by any trusted role. */
  TARGET_NOT_FOUND,
  /** The server stopped sending, or sent too slowly. */
  SLOW_RETRIEVAL,
  /** A name that would escape the client's directories. */
  UNSAFE_PATH,
  /** Malformed metadata: bad JSON, threshold 0, a key id listed twice. */
  INVALID_METADATA,
  /** HTTP errors, connection failures. */
  DOWNLOAD_ERROR
}
