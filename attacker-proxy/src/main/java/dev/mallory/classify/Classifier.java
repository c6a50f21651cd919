package dev.mallory.classify;

import dev.mallory.dialect.Dialect;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a request line into a {@link Classified}: attacks speak in roles, versions and target paths,
 * never in URL regexes (the toxiproxy users' most requested missing feature, anchors 1.1).
 *
 * <p>Recognised layouts:
 *
 * <ul>
 *   <li>Notary: {@code [prefix]/v2/<gun>/_trust/tuf/<role>.json}, {@code <role>.<hex>.json},
 *       {@code <version>.<role>.json}, {@code <role>.key}; {@code POST .../_trust/tuf/} is an upload.
 *   <li>TUF 1.0: {@code [prefix]/metadata/<role>.json}, {@code <version>.<role>.json},
 *       {@code [prefix]/targets/<path>} whose last segment may carry a {@code <hex>.} hash prefix;
 *       a prefix {@code /repos/<name>} names the repository.
 * </ul>
 */
public final class Classifier {
  private static final Pattern NOTARY = Pattern.compile("^(.*?/v2/(.+)/_trust/tuf/)(.*)$");
  private static final Pattern TUF_METADATA = Pattern.compile("^(.*?)/metadata/(.+)$");
  private static final Pattern TUF_TARGETS = Pattern.compile("^(.*?)/targets/(.+)$");
  private static final Pattern VERSIONED = Pattern.compile("^([0-9]{1,19})\\.(.+)\\.json$");
  private static final Pattern HASHED = Pattern.compile("^(.+)\\.([0-9a-f]{64}|[0-9a-f]{96}|[0-9a-f]{128})\\.json$");
  private static final Pattern HASH_PREFIXED = Pattern.compile("^([0-9a-f]{64}|[0-9a-f]{128})\\.(.+)$");

  private Classifier() {}

  /** @param rawPath the request target's path, possibly percent-encoded, without query */
  public static Classified classify(String method, String rawPath) {
    String path = decode(rawPath);
    Matcher notary = NOTARY.matcher(path);
    if (notary.matches()) {
      return notary(method, path, notary.group(1), notary.group(2), notary.group(3));
    }
    Matcher metadata = TUF_METADATA.matcher(path);
    if (metadata.matches()) {
      return tufMetadata(method, path, metadata.group(1), metadata.group(2));
    }
    Matcher targets = TUF_TARGETS.matcher(path);
    if (targets.matches()) {
      return tufTarget(method, path, targets.group(1), targets.group(2));
    }
    return Classified.other(method, path);
  }

  private static Classified notary(String method, String path, String base, String gun, String file) {
    Dialect d = Dialect.NOTARY;
    if (file.isEmpty()) {
      return new Classified(method, path, d, FileKind.UPLOAD, gun, null, Naming.NONE, null, null, null, base);
    }
    if (file.endsWith(".key")) {
      String role = file.substring(0, file.length() - ".key".length());
      return new Classified(method, path, d, FileKind.KEY, gun, role, Naming.NONE, null, null, null, base);
    }
    return metadataFile(method, path, d, gun, base, file);
  }

  private static Classified tufMetadata(String method, String path, String prefix, String file) {
    return metadataFile(method, path, Dialect.TUF_1_0, repositoryOf(prefix), prefix + "/metadata/", file);
  }

  private static Classified metadataFile(
      String method, String path, Dialect d, String repo, String base, String file) {
    Matcher versioned = VERSIONED.matcher(file);
    if (versioned.matches()) {
      return new Classified(method, path, d, FileKind.METADATA, repo, versioned.group(2), Naming.BY_VERSION,
          Long.parseLong(versioned.group(1)), null, null, base);
    }
    Matcher hashed = HASHED.matcher(file);
    if (d == Dialect.NOTARY && hashed.matches()) {
      return new Classified(method, path, d, FileKind.METADATA, repo, hashed.group(1), Naming.BY_HASH,
          null, hashed.group(2), null, base);
    }
    if (file.endsWith(".json") && file.length() > ".json".length()) {
      return new Classified(method, path, d, FileKind.METADATA, repo,
          file.substring(0, file.length() - ".json".length()), Naming.BY_NAME, null, null, null, base);
    }
    return new Classified(method, path, d, FileKind.OTHER, repo, null, Naming.NONE, null, null, null, base);
  }

  private static Classified tufTarget(String method, String path, String prefix, String target) {
    int slash = target.lastIndexOf('/');
    String dir = slash < 0 ? "" : target.substring(0, slash + 1);
    String name = target.substring(slash + 1);
    String hash = null;
    Matcher prefixed = HASH_PREFIXED.matcher(name);
    if (prefixed.matches()) {
      hash = prefixed.group(1);
      name = prefixed.group(2);
    }
    return new Classified(method, path, Dialect.TUF_1_0, FileKind.TARGET, repositoryOf(prefix), null,
        Naming.NONE, null, hash, dir + name, prefix + "/metadata/");
  }

  private static String repositoryOf(String prefix) {
    String p = prefix;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.startsWith("repos/")) {
      return p.substring("repos/".length());
    }
    return p;
  }

  private static String decode(String raw) {
    try {
      // Only %XX sequences; a '+' in a path is a literal plus, not a space.
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return raw;
    }
  }
}
