package dev.mallory.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mallory.classify.Classifier;
import dev.mallory.dialect.Dialect;
import dev.mallory.journal.Moment;
import dev.mallory.journal.Recording;
import dev.mallory.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Capture the repository now": fetches every top-level role, every root version up to the
 * current one, and every role file the snapshot lists, records them, and marks a moment, so that a
 * freeze or mix-and-match can replay the repository as it was even if no client ever asked the
 * proxy for those files.
 *
 * <p>The files are fetched the way a client walks the repository (spec 5.3-5.6): the timestamp
 * first, then the snapshot it lists, then the roles the snapshot lists, each by the exact name the
 * parent pins when there is one (TUF consistent snapshots: {@code N.role.json}; Notary:
 * {@code role.<sha256>.json}). A publication half-way through the capture therefore cannot mix two
 * repository states in one moment.
 */
final class RepositoryCapture {
  private final AttackerProxy proxy;
  /** Forward mode: the server captured; {@code null} in reverse mode. */
  private final Origin origin;
  private final CaptureSpec spec;
  private final boolean tuf;
  private final List<Recording> files = new ArrayList<>();
  private final List<String> missing = new ArrayList<>();
  private int fetches;

  /** {@link AttackerProxy#capture(String, CaptureSpec)}: whom to capture follows from the proxy's mode. */
  static Capture run(AttackerProxy proxy, String label, CaptureSpec spec) {
    if (label == null || label.isBlank()) {
      throw new IllegalArgumentException("a capture needs a label");
    }
    Origin origin = null; // reverse mode: each path's upstream (path routes may split the repository)
    if (proxy.isForward()) {
      URI u = spec.origin();
      if (u == null) {
        throw new IllegalArgumentException("a forward proxy captures the origin the spec names: CaptureSpec.origin(url)");
      }
      boolean https = "https".equalsIgnoreCase(u.getScheme());
      origin = proxy.route(https ? "https" : "http", u.getHost(), u.getPort() != -1 ? u.getPort() : https ? 443 : 80);
    } else if (spec.origin() != null) {
      throw new IllegalArgumentException("a reverse proxy captures its upstream; origin is for forward mode only");
    }
    return new RepositoryCapture(proxy, origin, spec).run(label);
  }

  private RepositoryCapture(AttackerProxy proxy, Origin origin, CaptureSpec spec) {
    this.proxy = proxy;
    this.origin = origin;
    this.spec = spec;
    this.tuf = spec.dialect() == Dialect.TUF_1_0;
  }

  Capture run(String label) {
    String base = spec.metadataPath();
    JsonNode timestamp = signed(fetch(base + "timestamp.json")
        .orElseThrow(() -> upstream("upstream has no " + base + "timestamp.json")));
    JsonNode root = roots(base);
    boolean consistent = tuf && root.path("consistent_snapshot").asBoolean(false);
    JsonNode snapshotMeta = timestamp.path("meta").path(spec.dialect().metaKey("snapshot"));
    String snapshotPath = pinned(base, "snapshot", snapshotMeta, consistent);
    JsonNode snapshot = signed(fetch(snapshotPath).orElseThrow(() -> upstream("upstream has no " + snapshotPath
        + ", the snapshot " + base + "timestamp.json lists")));
    Iterator<Map.Entry<String, JsonNode>> listed = snapshot.path("meta").fields();
    while (listed.hasNext()) {
      Map.Entry<String, JsonNode> e = listed.next();
      String role = roleOf(e.getKey());
      if (role.isEmpty() || role.equals("root") || role.equals("timestamp") || role.equals("snapshot")) {
        continue; // Notary's snapshot lists root too: it is captured with its whole version chain
      }
      String path = pinned(base, role, e.getValue(), consistent);
      if (fetch(path).isEmpty()) {
        missing.add(path);
      }
    }
    // Marked after every file is recorded: the moment's sequence number covers all of them.
    Moment moment = proxy.recorder().mark(label);
    return new Capture(moment, files, missing);
  }

  /**
   * The current root and every earlier version (a client whose trusted root is older walks the chain
   * {@code N.root.json}, 5.3.3). Returns the current root's signed part.
   */
  private JsonNode roots(String base) {
    Optional<byte[]> current = get(base + "root.json");
    if (current.isPresent()) {
      JsonNode signed = signed(current.get());
      long version = signed.path("version").asLong(0);
      for (long v = 1; v < version; v++) {
        String path = base + v + ".root.json";
        if (fetch(path).isEmpty()) {
          missing.add(path);
        }
      }
      // Recorded after the older versions: a freeze serves the newest recording of a role by name.
      record(base + "root.json", current.get());
      return signed;
    }
    // No unversioned root.json (the spec only requires N.root.json): walk the versions until a 404.
    JsonNode last = null;
    for (long v = 1; ; v++) {
      Optional<byte[]> next = fetch(base + v + ".root.json");
      if (next.isEmpty()) {
        break;
      }
      last = signed(next.get());
    }
    if (last == null) {
      throw upstream("upstream has neither " + base + "root.json nor " + base + "1.root.json");
    }
    return last;
  }

  /** The file name the parent's meta entry pins, else the plain role name. */
  private String pinned(String base, String role, JsonNode meta, boolean consistent) {
    if (tuf) {
      JsonNode version = meta.path("version");
      String name = URLEncoder.encode(role, StandardCharsets.UTF_8).replace("+", "%20"); // spec: role names percent-encoded
      return consistent && version.canConvertToLong() ? base + version.asLong() + "." + name + ".json"
          : base + name + ".json";
    }
    JsonNode sha256 = meta.path("hashes").path("sha256");
    if (sha256.isTextual()) {
      try {
        return base + role + "." + HexFormat.of().formatHex(Base64.getDecoder().decode(sha256.asText())) + ".json";
      } catch (IllegalArgumentException e) {
        throw upstream("the " + role + " hash upstream lists is not base64: " + sha256.asText());
      }
    }
    return base + role + ".json";
  }

  private String roleOf(String metaKey) {
    if (tuf) {
      return metaKey.endsWith(".json") ? metaKey.substring(0, metaKey.length() - ".json".length()) : "";
    }
    return metaKey;
  }

  /** GET one file and record it; empty on a 404; anything else but a 200 fails the capture. */
  private Optional<byte[]> fetch(String path) {
    Optional<byte[]> body = get(path);
    body.ifPresent(b -> record(path, b));
    return body;
  }

  /** GET one file within the limits, not recorded yet. */
  private Optional<byte[]> get(String path) {
    if (++fetches > spec.maxFiles()) {
      throw new CaptureException("the repository has more files than the capture's limit of " + spec.maxFiles()
          + " (at " + path + ")", true);
    }
    UpstreamGet.Answer answer;
    try {
      answer = UpstreamGet.get(proxy, origin != null ? origin : proxy.reverseOrigin(path), path);
    } catch (IOException e) {
      throw upstream(e.getMessage());
    }
    if (answer.status() == 404) {
      return Optional.empty();
    }
    if (answer.status() != 200) {
      throw upstream("upstream answered " + answer.status() + " for " + path);
    }
    byte[] body = answer.body();
    if (body.length > spec.maxFileBytes()) {
      throw new CaptureException(path + " has " + body.length + " bytes, over the capture's limit of "
          + spec.maxFileBytes(), true);
    }
    return Optional.of(body);
  }

  private void record(String path, byte[] body) {
    files.add(proxy.recorder().record(Classifier.classify("GET", path), body)
        .orElseThrow(() -> upstream("the recorder cannot keep " + path + " (" + body.length
            + " bytes; empty, or over the recorder's limit)")));
  }

  private JsonNode signed(byte[] bytes) {
    try {
      JsonNode signed = Json.parse(bytes).path("signed");
      if (!signed.isObject()) {
        throw upstream("upstream served metadata without a \"signed\" object");
      }
      return signed;
    } catch (RuntimeException e) {
      if (e instanceof CaptureException c) {
        throw c;
      }
      throw upstream("upstream served metadata that is not JSON: " + e.getMessage());
    }
  }

  private static CaptureException upstream(String message) {
    return new CaptureException(message, false);
  }
}
