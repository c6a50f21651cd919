package dev.mallory.sut.naive;

import dev.mallory.model.TargetFile;
import dev.mallory.client.errors.Reason;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where a target is fetched from and where it is stored. Shared by all naive clients and correct in
 * all of them: path safety is not the flaw any of them models.
 */
final class TargetFiles {
  private TargetFiles() {}

  /**
   * 5.7.3: {@code <targets>/<dir>/<hash>.<basename>} with consistent snapshots, else
   * {@code <targets>/<path>}. Each segment is percent-encoded so a name cannot change the URL's shape.
   */
  static URI url(URI targetsUrl, String targetPath, TargetFile file, boolean consistentSnapshot) {
    int slash = targetPath.lastIndexOf('/');
    String dir = targetPath.substring(0, slash + 1);
    String base = targetPath.substring(slash + 1);
    String name = consistentSnapshot ? Verify.namingHash(file.hashes()) + "." + base : base;
    StringBuilder encoded = new StringBuilder();
    for (String segment : dir.split("/")) {
      if (!segment.isEmpty()) {
        encoded.append(encode(segment)).append('/');
      }
    }
    encoded.append(encode(name));
    return Session.under(targetsUrl, encoded.toString());
  }

  /** {@code TDIR/<path>}, refusing any path that would leave TDIR (B2). */
  static Path local(Path targetDir, String targetPath) throws Refusal {
    Path base = targetDir.toAbsolutePath().normalize();
    Path file = base.resolve(targetPath).normalize();
    if (targetPath.isEmpty() || targetPath.startsWith("/") || !file.startsWith(base) || file.equals(base)) {
      throw new Refusal(Reason.UNSAFE_PATH, "unsafe target path '" + targetPath + "' would leave the target directory");
    }
    return file;
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
