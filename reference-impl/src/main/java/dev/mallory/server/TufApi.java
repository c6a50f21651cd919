package dev.mallory.server;

import dev.mallory.repo.store.MetadataStore;
import dev.mallory.repo.store.RoleFile;
import dev.mallory.repo.update.UpdateService;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TUF 1.0 layout of one repository (spec 5 and 6): {@code metadata/timestamp.json},
 * {@code metadata/N.ROLE.json} (consistent snapshots; always served), {@code metadata/ROLE.json},
 * {@code targets/[DIR/]SHA256.NAME} (consistent) and {@code targets/PATH}. Role names are
 * percent-encoded in file names, as the spec asks for delegated role names.
 */
final class TufApi {
  private static final Pattern VERSIONED = Pattern.compile("^(\\d{1,19})\\.(.+)\\.json$");
  private static final Pattern HASHED_TARGET = Pattern.compile("^([0-9a-f]{64})\\.(.+)$");

  private final UpdateService updates;
  private final ServerConfig config;

  TufApi(UpdateService updates, ServerConfig config) {
    this.updates = updates;
    this.config = config;
  }

  /** @param rawRest the still percent-encoded path after the repository prefix, e.g. {@code metadata/1.root.json} */
  Response get(String repository, String rawRest) {
    if (rawRest.startsWith("metadata/")) {
      return metadata(repository, rawRest.substring("metadata/".length()));
    }
    if (rawRest.startsWith("targets/")) {
      return target(repository, rawRest.substring("targets/".length()));
    }
    return NotaryErrors.metadataNotFound();
  }

  private Response metadata(String repository, String file) {
    if (file.contains("/")) {
      return NotaryErrors.metadataNotFound();
    }
    MetadataStore store = updates.store();
    Matcher versioned = VERSIONED.matcher(file);
    if (versioned.matches()) {
      long version;
      try {
        version = Long.parseLong(versioned.group(1));
      } catch (NumberFormatException e) {
        return NotaryErrors.metadataNotFound(); // beyond Long.MAX_VALUE: no such version
      }
      return serve(store.version(repository, decode(versioned.group(2)), version));
    }
    if (!file.endsWith(".json")) {
      return NotaryErrors.metadataNotFound();
    }
    String role = decode(file.substring(0, file.length() - ".json".length()));
    if (role.equals("timestamp") && config.refreshTimestamps()) {
      return serve(updates.freshTimestamp(repository));
    }
    return serve(store.current(repository, role));
  }

  private Response target(String repository, String rawPath) {
    String path = decode(rawPath);
    int slash = path.lastIndexOf('/');
    Matcher hashed = HASHED_TARGET.matcher(path.substring(slash + 1));
    Optional<byte[]> bytes = hashed.matches()
        ? updates.store().target(repository, hashed.group(1))
        : updates.store().targetByName(repository, path);
    return bytes.map(b -> Response.ok("application/octet-stream", b)).orElseGet(NotaryErrors::metadataNotFound);
  }

  private static Response serve(Optional<RoleFile> file) {
    return file.map(f -> Response.ok("application/json", f.bytes())).orElseGet(NotaryErrors::metadataNotFound);
  }

  /** Percent-decodes one path part ({@code +} stays a plus); a malformed escape is the client's error. */
  static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new MalformedPathException(s);
    }
  }

  /** A request path with a malformed percent-escape: answered 400, as Go's net/http does for notary-server. */
  static final class MalformedPathException extends RuntimeException {
    MalformedPathException(String part) {
      super("malformed percent-encoding in " + part);
    }
  }
}
