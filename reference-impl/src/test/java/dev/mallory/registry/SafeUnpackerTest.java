package dev.mallory.registry;

import static dev.mallory.registry.Images.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mallory.registry.archive.SafeUnpacker;
import dev.mallory.registry.archive.TarEntry;
import dev.mallory.registry.archive.TarWriter;
import dev.mallory.registry.archive.UnpackLimits;
import dev.mallory.registry.errors.DecompressionBombException;
import dev.mallory.registry.errors.MalformedArchiveException;
import dev.mallory.registry.errors.UnsafeArchiveEntryException;
import dev.mallory.registry.image.Layer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unpacker on its own: every way out of the root, and the bounds. */
class SafeUnpackerTest {
  @TempDir Path tmp;
  Path root;

  @BeforeEach
  void root() throws IOException {
    root = Files.createDirectories(tmp.resolve("box/root"));
  }

  private Throwable unpack(Consumer<TarWriter> content, UnpackLimits limits) throws IOException {
    Path file = Files.write(tmp.resolve("layer.tgz"), Layer.gzip(content).bytes());
    return catchThrowable(() -> new SafeUnpacker(root, limits).unpackLayer(file, true, "test"));
  }

  private Throwable unpack(Consumer<TarWriter> content) throws IOException {
    return unpack(content, UnpackLimits.DEFAULTS);
  }

  @Test
  void absolutePath_isRefused() throws IOException {
    assertThat(unpack(t -> t.file("/tmp/evil", utf8("x")))).isInstanceOf(UnsafeArchiveEntryException.class);
  }

  @Test
  void dotDotInTheMiddle_isRefused() throws IOException {
    assertThat(unpack(t -> t.file("a/../../evil", utf8("x")))).isInstanceOf(UnsafeArchiveEntryException.class);
    assertThat(tmp.resolve("box/evil")).doesNotExist();
  }

  @Test
  void longPaxPathWithDotDot_isRefused() throws IOException {
    String name = "a/".repeat(60) + "../".repeat(70) + "evil";
    assertThat(unpack(t -> t.file(name, utf8("x")))).isInstanceOf(UnsafeArchiveEntryException.class);
  }

  @Test
  void absoluteSymlink_isRefused() throws IOException {
    assertThat(unpack(t -> t.symlink("etc", "/etc"))).isInstanceOf(UnsafeArchiveEntryException.class);
  }

  @Test
  void hardlinkOutOfTheRoot_isRefused() throws IOException {
    Files.writeString(tmp.resolve("box/secret"), "s");
    assertThat(unpack(t -> t.hardlink("stolen", "../secret"))).isInstanceOf(UnsafeArchiveEntryException.class);
    assertThat(unpack(t -> t.hardlink("stolen", "/etc/passwd"))).isInstanceOf(UnsafeArchiveEntryException.class);
  }

  @Test
  void hardlinkThroughASymlinkedDirectory_isRefused() throws IOException {
    assertThat(unpack(t -> t.directory("d").symlink("s", "d").hardlink("h", "s/x"))).isInstanceOf(UnsafeArchiveEntryException.class);
  }

  @Test
  void devicesAndFifos_areRefused() throws IOException {
    for (char type : new char[] {TarEntry.CHAR_DEVICE, TarEntry.BLOCK_DEVICE, TarEntry.FIFO}) {
      assertThat(unpack(t -> t.special("dev/node", type))).isInstanceOf(UnsafeArchiveEntryException.class);
    }
  }

  @Test
  void tooManyEntries_isRefused() throws IOException {
    Throwable t = unpack(w -> {
      for (int i = 0; i < 20; i++) {
        w.file("f" + i, utf8("x"));
      }
    }, UnpackLimits.DEFAULTS.withMaxEntries(10));
    assertThat(t).isInstanceOf(UnsafeArchiveEntryException.class);
  }

  @Test
  void manySmallFilesInflatingPastTheBound_areABomb() throws IOException {
    byte[] mb = new byte[1 << 20];
    Throwable t = unpack(w -> {
      for (int i = 0; i < 64; i++) {
        w.file("z" + i, mb);
      }
    }, UnpackLimits.DEFAULTS.withMaxUnpackedBytes(8L << 20));
    assertThat(t).isInstanceOf(DecompressionBombException.class);
  }

  @Test
  void notGzip_isMalformed() throws IOException {
    Path file = Files.write(tmp.resolve("junk.tgz"), utf8("definitely not gzip"));
    assertThat(catchThrowable(() -> new SafeUnpacker(root, UnpackLimits.DEFAULTS).unpackLayer(file, true, "junk")))
        .isInstanceOf(MalformedArchiveException.class);
  }

  @Test
  void whiteoutsDeleteInsideTheRootOnly() throws IOException {
    Path l1 = Files.write(tmp.resolve("l1.tgz"), Layer.gzip(t -> t.directory("d").file("d/a", utf8("a")).file("d/b", utf8("b"))
        .directory("o").file("o/x", utf8("x"))).bytes());
    Path l2 = Files.write(tmp.resolve("l2.tgz"), Layer.gzip(t -> t.file("d/.wh.a", new byte[0]).file("o/.wh..wh..opq", new byte[0])
        .file("o/y", utf8("y"))).bytes());
    SafeUnpacker unpacker = new SafeUnpacker(root, UnpackLimits.DEFAULTS);
    unpacker.unpackLayer(l1, true, "l1");
    unpacker.unpackLayer(l2, true, "l2");

    assertThat(root.resolve("d/a")).doesNotExist();
    assertThat(root.resolve("d/b")).exists();
    assertThat(root.resolve("o/x")).doesNotExist();
    assertThat(root.resolve("o/y")).exists();
  }

  @Test
  void setuidBits_areDropped() throws IOException {
    Path file = Files.write(tmp.resolve("l.tgz"), Layer.gzip(t -> t.file("bin/su", 04755, utf8("x"))).bytes());
    new SafeUnpacker(root, UnpackLimits.DEFAULTS).unpackLayer(file, true, "l");
    assertThat(Files.getAttribute(root.resolve("bin/su"), "unix:mode")).isEqualTo(0100755);
  }
}
