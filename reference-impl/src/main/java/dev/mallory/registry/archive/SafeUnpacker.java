package dev.mallory.registry.archive;

import dev.mallory.registry.errors.DecompressionBombException;
import dev.mallory.registry.errors.MalformedArchiveException;
import dev.mallory.registry.errors.UnsafeArchiveEntryException;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Unpacks verified image layers, in order, into one root directory, refusing anything that could
 * reach outside it or harm the host: {@code ..} and absolute paths, writes through an existing
 * symlink, symlinks or hard links pointing out of the root, device and FIFO nodes, setuid bits,
 * more bytes or entries than {@link UnpackLimits}. Whiteouts ({@code .wh.NAME}, {@code .wh..wh..opq})
 * delete inside the root only.
 *
 * <p>It must only ever see bytes whose digest was already checked; the checks here are the second
 * line, for signed-but-hostile layers (a signature says who published it, not that it is safe).
 * A failure leaves a half-filled root: callers unpack into a staging directory and discard it.
 */
public final class SafeUnpacker {
  private static final String WHITEOUT = ".wh.";
  private static final String OPAQUE = ".wh..wh..opq";
  private final Path root;
  private final UnpackLimits limits;
  private long unpacked;
  private int entries;

  /** @param root an existing, empty directory (its real path is used for every containment check) */
  public SafeUnpacker(Path root, UnpackLimits limits) {
    try {
      this.root = root.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.limits = limits;
  }

  /** Unpacks one layer file; {@code gzip} when its media type says tar+gzip. */
  public void unpackLayer(Path layer, boolean gzip, String layerName) {
    try (InputStream file = new BufferedInputStream(Files.newInputStream(layer), 256 * 1024);
        InputStream tar = new Budget(gzip ? new GZIPInputStream(file, 64 * 1024) : file, layerName)) {
      TarReader reader = new TarReader(tar, Long.MAX_VALUE);
      for (Optional<TarEntry> e = reader.next(); e.isPresent(); e = reader.next()) {
        if (++entries > limits.maxEntries()) {
          throw new UnsafeArchiveEntryException(e.get().name(), "more than " + limits.maxEntries() + " entries");
        }
        if (e.get().size() > limits.maxUnpackedBytes() - unpacked) {
          // The header already announces more than the budget left: refuse before inflating it.
          throw new DecompressionBombException(layerName, limits.maxUnpackedBytes());
        }
        apply(e.get(), reader);
      }
    } catch (ZipException e) {
      throw new MalformedArchiveException("layer " + layerName + " is not valid gzip: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new MalformedArchiveException("layer " + layerName + ": " + e.getMessage(), e);
    }
  }

  public long unpackedBytes() {
    return unpacked;
  }

  public int entries() {
    return entries;
  }

  private void apply(TarEntry e, TarReader reader) throws IOException {
    List<String> segments = segments(e.name(), e.name());
    if (segments.isEmpty()) {
      return; // "./": the root itself
    }
    Path path = inside(segments, e.name());
    String base = segments.get(segments.size() - 1);
    if (base.startsWith(WHITEOUT)) {
      whiteout(path, base, e.name());
      return;
    }
    if (e.isFile()) {
      removeExisting(path, false);
      try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS)) {
        reader.data().transferTo(out);
      }
      permissions(path, e.mode() & 0777);
    } else if (e.type() == TarEntry.DIRECTORY) {
      if (Files.isSymbolicLink(path)) {
        throw new UnsafeArchiveEntryException(e.name(), "directory over an existing symlink");
      }
      if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        removeExisting(path, false);
        Files.createDirectory(path);
      }
      permissions(path, (e.mode() & 0777) | 0700); // we must still be able to write into it
    } else if (e.type() == TarEntry.SYMLINK) {
      symlink(path, e);
    } else if (e.type() == TarEntry.HARDLINK) {
      hardlink(path, e);
    } else if (e.type() == TarEntry.CHAR_DEVICE || e.type() == TarEntry.BLOCK_DEVICE || e.type() == TarEntry.FIFO) {
      throw new UnsafeArchiveEntryException(e.name(), "device or FIFO node (type " + e.type() + ")");
    } else {
      throw new UnsafeArchiveEntryException(e.name(), "unsupported entry type '" + e.type() + "'");
    }
  }

  /** Path segments of an archive path; refuses absolute, {@code ..}, NUL and backslashes. */
  private List<String> segments(String name, String entry) {
    if (name.length() > limits.maxPathLength()) {
      throw new UnsafeArchiveEntryException(entry, "path longer than " + limits.maxPathLength());
    }
    if (name.startsWith("/")) {
      throw new UnsafeArchiveEntryException(entry, "absolute path");
    }
    if (name.indexOf('\0') >= 0 || name.indexOf('\\') >= 0) {
      throw new UnsafeArchiveEntryException(entry, "NUL or backslash in path");
    }
    List<String> out = new ArrayList<>();
    for (String s : name.split("/")) {
      if (s.equals("..")) {
        throw new UnsafeArchiveEntryException(entry, "'..' in path");
      }
      if (!s.isEmpty() && !s.equals(".")) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * The entry's location under the root, after checking that no existing parent is a symlink:
   * following one (even one pointing inside) would let a later entry write wherever it points.
   */
  private Path inside(List<String> segments, String entry) {
    Path p = root;
    for (int i = 0; i < segments.size(); i++) {
      p = p.resolve(segments.get(i));
      if (i < segments.size() - 1) {
        if (Files.isSymbolicLink(p)) {
          throw new UnsafeArchiveEntryException(entry, "path goes through symlink " + root.relativize(p));
        }
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          throw new UnsafeArchiveEntryException(entry, "parent " + root.relativize(p) + " is not a directory");
        }
      }
    }
    if (!p.normalize().startsWith(root)) {
      throw new UnsafeArchiveEntryException(entry, "outside the root");
    }
    try {
      Files.createDirectories(p.getParent()); // parents were just checked: real directories only
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  private void symlink(Path path, TarEntry e) throws IOException {
    String target = e.linkName();
    if (target.isEmpty() || target.startsWith("/") || target.indexOf('\0') >= 0) {
      throw new UnsafeArchiveEntryException(e.name(), "symlink to absolute or empty target '" + target + "'");
    }
    if (target.length() > limits.maxPathLength()) {
      throw new UnsafeArchiveEntryException(e.name(), "link target too long");
    }
    Path resolved = path.getParent().resolve(target).normalize();
    if (!resolved.startsWith(root)) {
      throw new UnsafeArchiveEntryException(e.name(), "symlink points out of the root: " + target);
    }
    removeExisting(path, false);
    Files.createSymbolicLink(path, path.getFileSystem().getPath(target));
  }

  private void hardlink(Path path, TarEntry e) throws IOException {
    // A hard link names another archive path; it gets the same checks as an entry name.
    Path target = inside(segments(e.linkName(), e.name()), e.name());
    if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new UnsafeArchiveEntryException(e.name(), "hard link to a missing or non-regular file " + e.linkName());
    }
    if (target.equals(path)) {
      return;
    }
    removeExisting(path, false);
    Files.createLink(path, target);
  }

  private void whiteout(Path path, String base, String entry) throws IOException {
    Path dir = path.getParent();
    if (base.equals(OPAQUE)) {
      try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
        for (Path child : children) {
          deleteTree(child);
        }
      }
      return;
    }
    String victim = base.substring(WHITEOUT.length());
    if (victim.isEmpty() || victim.equals(".") || victim.equals("..")) {
      throw new UnsafeArchiveEntryException(entry, "bad whiteout");
    }
    deleteTree(dir.resolve(victim));
  }

  private void removeExisting(Path path, boolean keepDirectory) throws IOException {
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !(keepDirectory && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))) {
      deleteTree(path);
    }
  }

  /** Deletes a file, link or directory tree without ever following a symlink. */
  static void deleteTree(Path p) throws IOException {
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      try (DirectoryStream<Path> children = Files.newDirectoryStream(p)) {
        for (Path child : children) {
          deleteTree(child);
        }
      }
    }
    Files.deleteIfExists(p);
  }

  private static void permissions(Path p, int mode) throws IOException {
    if (!p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE = bits 8..0
    for (int i = 0; i < 9; i++) {
      if ((mode & (1 << (8 - i))) != 0) {
        perms.add(order[i]);
      }
    }
    perms.add(PosixFilePermission.OWNER_READ);
    perms.add(PosixFilePermission.OWNER_WRITE); // setuid/setgid/sticky are never applied
    Files.setPosixFilePermissions(p, perms);
  }

  /** Counts decompressed bytes over all layers; past the bound the layer is a bomb. */
  private final class Budget extends FilterInputStream {
    private final String layer;

    Budget(InputStream in, String layer) {
      super(in);
      this.layer = layer;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      // Skipped entry data is still inflated: it counts (and is read, so it cannot hide a bomb).
      byte[] sink = new byte[8192];
      long done = 0;
      while (done < n) {
        int r = read(sink, 0, (int) Math.min(sink.length, n - done));
        if (r < 0) {
          break;
        }
        done += r;
      }
      return done;
    }

    private void count(int n) {
      unpacked += n;
      if (unpacked > limits.maxUnpackedBytes()) {
        throw new DecompressionBombException(layer, limits.maxUnpackedBytes());
      }
    }
  }
}
