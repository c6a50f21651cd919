package dev.mallory.steps.world;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every file under a client's sandbox at one moment (relative path to a fingerprint), so the
 * engine sees what an action created or changed anywhere: the physical evidence of
 * {@code target "NAME" was not written} and {@code nothing was written outside the client's
 * directories}. Fingerprints hash at most the first {@link #HASHED_BYTES} of a file, plus its size
 * and modification time: a client that stored endless data cannot make the harness read it all.
 */
public record SandboxState(Map<String, String> files) {
  static final int HASHED_BYTES = 4 * 1024 * 1024;
  private static final int MAX_FILES = 10_000;

  public SandboxState {
    files = Map.copyOf(files);
  }

  public static SandboxState of(Path root) {
    Map<String, String> files = new TreeMap<>();
    if (!Files.isDirectory(root)) {
      return new SandboxState(files);
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (files.size() >= MAX_FILES) {
            return FileVisitResult.TERMINATE;
          }
          files.put(root.relativize(file).toString().replace('\\', '/'), fingerprint(file, attrs));
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          files.put(root.relativize(file).toString(), "unreadable");
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      files.put(".", "unreadable: " + e.getMessage());
    }
    return new SandboxState(files);
  }

  /** Paths created or changed since {@code before}. */
  public Set<String> changedSince(SandboxState before) {
    Set<String> changed = new TreeSet<>();
    files.forEach((path, print) -> {
      if (!print.equals(before.files.get(path))) {
        changed.add(path);
      }
    });
    return changed;
  }

  private static String fingerprint(Path file, BasicFileAttributes attrs) {
    if (!attrs.isRegularFile() || Files.isSymbolicLink(file)) {
      return "special:" + attrs.lastModifiedTime();
    }
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(in.readNBytes(HASHED_BYTES));
      return attrs.size() + ":" + attrs.lastModifiedTime().toMillis() + ":" + HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      return "unreadable:" + attrs.size();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
