package dev.mallory.repo.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Layout: {@code <dir>/<encoded repository>/index.json} and {@code .../objects/<sha256>}. Repository
 * names (GUNs contain {@code /}) are percent-encoded into one path segment, so no name can escape
 * the data directory. Objects are immutable once written; the index is replaced atomically.
 */
final class FileBackend implements Backend {
  private static final String INDEX = "index.json";
  private final Path dir;

  FileBackend(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(this.dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + dir, e);
    }
  }

  @Override
  public Map<String, RepositoryIndex> loadIndexes() {
    Map<String, RepositoryIndex> indexes = new HashMap<>();
    try (Stream<Path> repos = Files.list(dir)) {
      for (Path repo : (Iterable<Path>) repos::iterator) {
        Path index = repo.resolve(INDEX);
        if (Files.isRegularFile(index)) {
          indexes.put(decodeName(repo.getFileName().toString()), IndexCodec.decode(Files.readAllBytes(index)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read data directory " + dir, e);
    }
    return indexes;
  }

  @Override
  public void writeObject(String repository, String sha256, byte[] bytes) {
    Path object = objectPath(repository, sha256);
    if (!Files.exists(object)) {
      AtomicFiles.write(object, bytes);
    }
  }

  @Override
  public Optional<byte[]> readObject(String repository, String sha256) {
    try {
      return Optional.of(Files.readAllBytes(objectPath(repository, sha256)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read object " + sha256, e);
    }
  }

  @Override
  public void writeIndex(String repository, RepositoryIndex index) {
    AtomicFiles.write(repoDir(repository).resolve(INDEX), IndexCodec.encode(index));
  }

  @Override
  public void delete(String repository) {
    Path repo = repoDir(repository);
    if (!Files.exists(repo)) {
      return;
    }
    try {
      // The index goes first: once it is gone the repository is gone, even if a crash stops the rest.
      Files.deleteIfExists(repo.resolve(INDEX));
      try (Stream<Path> all = Files.walk(repo)) {
        for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete repository " + repository, e);
    }
  }

  private Path objectPath(String repository, String sha256) {
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a sha256 content address: " + sha256);
    }
    return repoDir(repository).resolve("objects").resolve(sha256);
  }

  private Path repoDir(String repository) {
    Path repo = dir.resolve(encodeName(repository)).normalize();
    if (!repo.getParent().equals(dir)) {
      throw new IllegalArgumentException("repository name escapes the data directory: " + repository);
    }
    return repo;
  }

  /** Percent-encodes everything but [A-Za-z0-9_-]: one safe path segment, reversible. */
  static String encodeName(String name) {
    StringBuilder out = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  static String decodeName(String encoded) {
    return java.net.URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
