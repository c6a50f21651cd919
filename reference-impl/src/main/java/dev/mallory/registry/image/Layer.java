package dev.mallory.registry.image;

import dev.mallory.registry.Descriptor;
import dev.mallory.registry.Digest;
import dev.mallory.registry.MediaTypes;
import dev.mallory.registry.archive.TarWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * One image layer built in memory: tar.gz bytes, their digest (what the manifest names) and the
 * digest of the uncompressed tar (the config's {@code diff_id}).
 */
public record Layer(String mediaType, byte[] bytes, Digest digest, Digest diffId) {
  /** Entries get this mtime so the same content always gives the same digest. */
  public static final long MTIME = 1_700_000_000L;

  public Descriptor descriptor() {
    return new Descriptor(mediaType, bytes.length, digest);
  }

  /** A gzip layer whose tar is written by {@code content} (any entries, hostile ones included). */
  public static Layer gzip(Consumer<TarWriter> content) {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    MessageDigest diff = Digest.sha256();
    try (OutputStream gz = new FastGzip(compressed); DigestOutputStream tarOut = new DigestOutputStream(gz, diff)) {
      TarWriter tar = new TarWriter(tarOut, MTIME);
      content.accept(tar);
      tar.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] bytes = compressed.toByteArray();
    return new Layer(MediaTypes.DOCKER_LAYER_GZIP, bytes, Digest.of(bytes), Digest.of(diff));
  }

  /**
   * A layer of {@code files} files of {@code fileBytes} pseudo-random bytes each from a seeded PRNG
   * (incompressible, reproducible): what the benchmark pulls.
   */
  public static Layer random(long seed, String dir, int files, int fileBytes) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] buffer = new byte[fileBytes];
    return gzip(tar -> {
      tar.directory(dir);
      for (int i = 0; i < files; i++) {
        random.nextBytes(buffer);
        tar.file(dir + "/blob-" + i + ".bin", buffer);
      }
    });
  }

  /** A signed-looking decompression bomb: one file of {@code zeros} zero bytes (compresses ~1000:1). */
  public static Layer zeros(String name, long zeros) {
    return gzip(tar -> tar.file(name, zeros, out -> {
      byte[] block = new byte[1 << 20];
      for (long left = zeros; left > 0; left -= block.length) {
        out.write(block, 0, (int) Math.min(block.length, left));
      }
    }));
  }

  /** gzip at the fastest level: layer building is test setup, not what is measured. */
  private static final class FastGzip extends GZIPOutputStream {
    FastGzip(OutputStream out) throws IOException {
      super(out, 256 * 1024);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }
}
