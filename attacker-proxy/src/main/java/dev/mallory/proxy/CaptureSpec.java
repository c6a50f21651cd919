package dev.mallory.proxy;

import dev.mallory.dialect.Dialect;
import java.net.URI;
import java.util.Locale;

/**
 * What "capture the repository now" ({@link AttackerProxy#capture}) fetches from upstream, and its
 * bounds. Build one with {@link #tuf()}, {@link #tuf(String)} or {@link #notary(String)}.
 *
 * @param dialect the layout: TUF 1.0 ({@code /metadata/N.role.json}) or Notary's API
 * @param metadataPath the URL path of the metadata directory as a client asks for it, from {@code /}
 *     to a closing {@code /} ({@code /metadata/}, {@code /repos/a/metadata/},
 *     {@code /v2/<gun>/_trust/tuf/})
 * @param origin forward mode only: the server to capture ({@code https://notary.test:4453}); a
 *     reverse proxy always captures its upstream, so it must be {@code null} there
 * @param maxFiles the capture fails rather than fetch more files than this
 * @param maxFileBytes the capture fails on a file larger than this
 */
public record CaptureSpec(Dialect dialect, String metadataPath, URI origin, int maxFiles, int maxFileBytes) {
  public static final int DEFAULT_MAX_FILES = 4096;
  public static final int DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;
  /** Upper bounds for the limits themselves: a capture request cannot ask for an unbounded one. */
  public static final int MAX_FILES_LIMIT = 100_000;
  public static final int MAX_FILE_BYTES_LIMIT = 256 * 1024 * 1024;

  public CaptureSpec {
    if (dialect == null) {
      throw new IllegalArgumentException("dialect must be given (TUF_1_0 or NOTARY)");
    }
    if (metadataPath == null || !metadataPath.startsWith("/") || !metadataPath.endsWith("/")
        || metadataPath.contains("/../") || metadataPath.contains("/./") || metadataPath.contains("?")
        || metadataPath.contains("#")) {
      throw new IllegalArgumentException("metadataPath must be a plain URL path from / to a closing /, not "
          + metadataPath);
    }
    if (origin != null) {
      String scheme = origin.getScheme() == null ? "" : origin.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || origin.getHost() == null) {
        throw new IllegalArgumentException("origin must be an http:// or https:// URL with a host, not " + origin);
      }
    }
    if (maxFiles < 1 || maxFiles > MAX_FILES_LIMIT) {
      throw new IllegalArgumentException("maxFiles must lie between 1 and " + MAX_FILES_LIMIT + ", not " + maxFiles);
    }
    if (maxFileBytes < 1 || maxFileBytes > MAX_FILE_BYTES_LIMIT) {
      throw new IllegalArgumentException("maxFileBytes must lie between 1 and " + MAX_FILE_BYTES_LIMIT + ", not "
          + maxFileBytes);
    }
  }

  /** The TUF layout at {@code /metadata/} (the default repository). */
  public static CaptureSpec tuf() {
    return tuf("/metadata/");
  }

  /** The TUF layout with its metadata at this path ({@code /repos/a/metadata/}). */
  public static CaptureSpec tuf(String metadataPath) {
    return new CaptureSpec(Dialect.TUF_1_0, metadataPath, null, DEFAULT_MAX_FILES, DEFAULT_MAX_FILE_BYTES);
  }

  /** Notary's API for one GUN: {@code /v2/<gun>/_trust/tuf/}. */
  public static CaptureSpec notary(String gun) {
    if (gun == null || gun.isBlank() || gun.startsWith("/") || gun.endsWith("/") || gun.contains("..")
        || gun.contains("?") || gun.contains("#") || gun.contains("_trust")) {
      throw new IllegalArgumentException("a Notary capture needs a GUN like example.com/app, not " + gun);
    }
    return new CaptureSpec(Dialect.NOTARY, "/v2/" + gun + "/_trust/tuf/", null, DEFAULT_MAX_FILES,
        DEFAULT_MAX_FILE_BYTES);
  }

  /** Forward mode: the server to capture. */
  public CaptureSpec origin(URI origin) {
    return new CaptureSpec(dialect, metadataPath, origin, maxFiles, maxFileBytes);
  }

  public CaptureSpec limits(int maxFiles, int maxFileBytes) {
    return new CaptureSpec(dialect, metadataPath, origin, maxFiles, maxFileBytes);
  }
}
