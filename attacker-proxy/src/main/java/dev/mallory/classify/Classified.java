package dev.mallory.classify;

import dev.mallory.dialect.Dialect;

/**
 * One request, classified: what attacks select by. Every field but {@code kind}, {@code path} and
 * {@code method} may be {@code null} when it does not apply.
 *
 * @param method HTTP method
 * @param path the request path (no query), as received
 * @param dialect which layout the path follows; {@code null} for {@link FileKind#OTHER}
 * @param kind metadata, target, key, upload or other
 * @param repository Notary GUN, or the TUF repository name ({@code /repos/<name>/...}, else the
 *     path prefix before {@code /metadata}/{@code /targets} without slashes, {@code ""} at the root)
 * @param role role name for metadata and keys ({@code timestamp}, {@code targets/releases}, ...)
 * @param naming how a metadata file was named
 * @param version the version in a {@code N.role.json} name
 * @param hash the lower-case hex digest in a {@code role.<hash>.json} or {@code <hash>.<target>} name
 * @param targetPath the target path for {@link FileKind#TARGET}, without any hash prefix
 * @param metadataBase the URL path of the directory holding this repository's metadata, ending in
 *     {@code /} ({@code /metadata/}, {@code /repos/a/metadata/}, {@code /v2/<gun>/_trust/tuf/}):
 *     attacks that need a sibling file build its path from it
 */
public record Classified(
    String method,
    String path,
    Dialect dialect,
    FileKind kind,
    String repository,
    String role,
    Naming naming,
    Long version,
    String hash,
    String targetPath,
    String metadataBase) {

  public boolean isMetadata() {
    return kind == FileKind.METADATA;
  }

  public boolean isTarget() {
    return kind == FileKind.TARGET;
  }

  static Classified other(String method, String path) {
    return new Classified(method, path, null, FileKind.OTHER, null, null, Naming.NONE, null, null, null, null);
  }
}
