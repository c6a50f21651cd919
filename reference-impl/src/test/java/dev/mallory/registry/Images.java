package dev.mallory.registry;

import dev.mallory.registry.image.Image;
import dev.mallory.registry.image.Layer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Small test images, built at test time. */
final class Images {
  private Images() {}

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static Layer base() {
    return Layer.gzip(tar -> tar.directory("etc").file("etc/os-release", utf8("ID=mallory\n"))
        .directory("bin").file("bin/app", 0755, utf8("#!/bin/sh\necho v1\n")));
  }

  static Layer app(String version) {
    return Layer.gzip(tar -> tar.directory("srv").file("srv/version", utf8(version + "\n"))
        .symlink("srv/current", "version").hardlink("srv/version.bak", "srv/version"));
  }

  static Layer evil() {
    return Layer.gzip(tar -> tar.directory("srv").file("srv/version", utf8("EVIL\n")).file("srv/backdoor", utf8("pwned\n")));
  }

  static Image image(String version) {
    return Image.of(List.of(base(), app(version)));
  }
}
