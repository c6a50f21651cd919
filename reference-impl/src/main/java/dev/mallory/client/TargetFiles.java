package dev.mallory.client;

import dev.mallory.client.errors.TufClientException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Target files on disk (5.7): where each is stored, whether the stored copy is still the one the
 * trusted metadata lists, and fetching one so that a failure leaves nothing behind.
 */
final class TargetFiles {
  private final Path dir;
  private final Fetcher fetcher;

  /** @param dir the target directory; null when the updater only refreshes metadata */
  TargetFiles(Path dir, Fetcher fetcher) {
    this.dir = dir;
    this.fetcher = fetcher;
  }

  /** Where a target is stored: {@code quote(path, "")} confined to the target directory. */
  Path localPath(TargetInfo info) {
    if (dir == null) {
      throw new IllegalStateException("no target directory configured");
    }
    return Names.confined(dir, Names.quote(info.path()), info.path());
  }

  /** 5.7 (optional cache rule): the stored file, if it has exactly the listed length and hashes. */
  Optional<Path> cached(TargetInfo info) {
    Path file = localPath(info);
    try {
      if (!Files.isRegularFile(file) || Files.size(file) != info.file().length()) {
        return Optional.empty();
      }
      Hashes.Digests digests = new Hashes.Digests(info.path(), info.file().hashes());
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) != -1) {
          digests.update(buffer, 0, n);
        }
      }
      digests.verify(OptionalLong.of(info.file().length()));
      return Optional.of(file);
    } catch (IOException | TufClientException e) {
      return Optional.empty();
    }
  }

  /**
   * 5.7.2 - 5.7.4 from one URL: streamed into a temp file beside the destination, capped at the
   * listed length, every listed hash checked, and only then moved into place.
   */
  Path fetch(URI url, TargetInfo info) {
    Path dest = localPath(info);
    Hashes.Digests digests = new Hashes.Digests(info.path(), info.file().hashes());
    Path tmp = null;
    try {
      Files.createDirectories(dest.getParent());
      tmp = Files.createTempFile(dest.getParent(), ".tmp-", ".part");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        fetcher.fetch(url, info.file().length(), (chunk, offset, count) -> {
          try {
            out.write(chunk, offset, count);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          digests.update(chunk, offset, count);
        });
      }
      digests.verify(OptionalLong.of(info.file().length()));
      MetadataStore.moveAtomically(tmp, dest);
      return dest;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      MetadataStore.deleteQuietly(tmp);
    }
  }
}
