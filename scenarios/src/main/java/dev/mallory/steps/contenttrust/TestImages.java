package dev.mallory.steps.contenttrust;

import dev.mallory.registry.MediaTypes;
import dev.mallory.registry.archive.TarEntry;
import dev.mallory.registry.archive.TarReader;
import dev.mallory.registry.image.Image;
import dev.mallory.registry.image.Layer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/** The images the content-trust scenarios build at run time, and what an honest unpacking of one holds. */
final class TestImages {
  private TestImages() {}

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static Layer base() {
    return Layer.gzip(tar -> tar.directory("etc").file("etc/os-release", utf8("ID=mallory\n"))
        .directory("bin").file("bin/app", 0755, utf8("#!/bin/sh\necho app\n")));
  }

  static Layer app(String release) {
    return Layer.gzip(tar -> tar.directory("srv").file("srv/version", utf8(release + "\n"))
        .symlink("srv/current", "version").hardlink("srv/version.bak", "srv/version"));
  }

  /** An honest two-layer image: a base layer and an application layer naming {@code release}. */
  static Image release(String release) {
    return Image.of(List.of(base(), app(release)));
  }

  /** The attacker's own layer: it overwrites the release and plants a backdoor. */
  static Layer evil() {
    return Layer.gzip(tar -> tar.directory("srv").file("srv/version", utf8("EVIL\n")).file("srv/backdoor", utf8("pwned\n")));
  }

  private static final Pattern FILE = Pattern.compile("a file \"([^\"]+)\"");
  private static final Pattern SYMLINK = Pattern.compile("a symlink \"([^\"]+)\" to \"([^\"]+)\" and a file through it");
  private static final Pattern LATER = Pattern.compile("a symlink \"([^\"]+)\" to \"([^\"]+)\" and, in a later layer, a file through it");
  private static final Pattern BOMB = Pattern.compile("a decompression bomb of (\\d+) MiB");

  /** The regex a step uses for {@link #hostileLayers}. */
  static final String HOSTILE = "(a file \"[^\"]+\"|a symlink \"[^\"]+\" to \"[^\"]+\" and(?:, in a later layer,)? a file through it"
      + "|a decompression bomb of \\d+ MiB)";

  /** The layers a hostile phrase of the feature stands for (an entry escaping the root, a bomb...). */
  static List<Layer> hostileLayers(String phrase) {
    Matcher m;
    if ((m = FILE.matcher(phrase)).matches()) {
      String name = m.group(1);
      return List.of(Layer.gzip(t -> t.file("ok", utf8("harmless\n")).file(name, utf8("escaped\n"))));
    }
    if ((m = SYMLINK.matcher(phrase)).matches()) {
      String link = m.group(1);
      String target = m.group(2);
      return List.of(Layer.gzip(t -> t.symlink(link, target).file(link + "/planted", utf8("planted\n"))));
    }
    if ((m = LATER.matcher(phrase)).matches()) {
      String link = m.group(1);
      String target = m.group(2);
      return List.of(Layer.gzip(t -> t.directory(target).symlink(link, target)),
          Layer.gzip(t -> t.file(link + "/planted", utf8("planted\n"))));
    }
    if ((m = BOMB.matcher(phrase)).matches()) {
      return List.of(Layer.zeros("zeros", Long.parseLong(m.group(1)) << 20));
    }
    throw new IllegalArgumentException("unknown hostile content: " + phrase);
  }

  /**
   * What an honest unpacking of {@code image} holds: regular files by path (later layers win), and
   * the paths of links, which a puller may materialise or not.
   */
  record Expected(Map<String, byte[]> files, Map<String, String> hardlinks, java.util.Set<String> symlinks) {
    Optional<byte[]> contentOf(String path) {
      byte[] b = files.get(path);
      if (b == null && hardlinks.containsKey(path)) {
        b = files.get(hardlinks.get(path));
      }
      return Optional.ofNullable(b);
    }
  }

  static Expected expected(Image image) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    Map<String, String> hardlinks = new LinkedHashMap<>();
    java.util.Set<String> symlinks = new java.util.TreeSet<>();
    for (Layer layer : image.layers()) {
      try (InputStream raw = new ByteArrayInputStream(layer.bytes());
          InputStream tar = MediaTypes.GZIP_LAYERS.contains(layer.mediaType()) ? new GZIPInputStream(raw) : raw) {
        TarReader reader = new TarReader(tar, 1L << 30);
        for (Optional<TarEntry> e = reader.next(); e.isPresent(); e = reader.next()) {
          String name = e.get().name().replaceAll("^\\./", "").replaceAll("/+$", "");
          if (e.get().type() == TarEntry.HARDLINK) {
            hardlinks.put(name, e.get().linkName());
          } else if (e.get().type() == TarEntry.SYMLINK) {
            symlinks.add(name);
          } else if (e.get().isFile()) {
            files.put(name, reader.data().readAllBytes());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Expected(files, hardlinks, symlinks);
  }
}
