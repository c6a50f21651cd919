package dev.mallory.classify;

/** What a request asks for, in update-system terms. */
public enum FileKind {
  /** A role's metadata file (root, timestamp, snapshot, targets, a delegated role). */
  METADATA,
  /** A target file (TUF {@code /targets/...}). */
  TARGET,
  /** Notary's {@code <role>.key}: the public key of a server-held key. */
  KEY,
  /** Notary's multipart publish ({@code POST /v2/<gun>/_trust/tuf/}). */
  UPLOAD,
  /** Anything else: health checks, {@code GET /v2/}, unknown paths. */
  OTHER
}
