package dev.mallory.repo.update;

/**
 * Why an upload was refused, named as notary-server names its error codes (errors.go), so the
 * HTTP layer can answer exactly as the real server does. All are HTTP 400.
 */
public enum RejectionCode {
  /** The body is not multipart/form-data, or a part has no file name. */
  MALFORMED_UPLOAD,
  /** A file is not JSON the server can parse. */
  MALFORMED_JSON,
  /** A part names a role that cannot be uploaded (invalid name, or the server-managed timestamp). */
  INVALID_ROLE,
  /** Parsed but failed validation: signatures, thresholds, consistency, delegation paths, expiry. */
  INVALID_UPDATE,
  /** The version is not newer than the stored one (notary-server's ErrOldVersion). */
  VERSION
}
