package dev.mallory.steps.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mallory.json.Json;
import dev.mallory.repo.store.Hashes;
import dev.mallory.server.client.NotaryHttp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a server serves for one repository, fetched over HTTP as a client would: every role by
 * name ({@code targets.json}), by the hash of what it serves ({@code targets.<sha256>.json}) and by
 * every version from 1 to the current one ({@code 2.targets.json}). Absent files are recorded as
 * absent (status), so a file that appears is a change too.
 *
 * <p>The timestamp is the server's own and may be re-signed at any time; it counts as unchanged
 * when it still pins the same snapshot bytes with a higher or equal version.
 */
final class ServedState {
  /** What one path answered: status and body. */
  record Served(int status, byte[] body) {
    boolean present() {
      return status == 200;
    }

    boolean same(Served other) {
      return status == other.status && (!present() || Arrays.equals(body, other.body));
    }

    String describe() {
      return present() ? "200, " + body.length + " B, sha256 " + Hashes.sha256(body).substring(0, 16) + "…" : "status " + status;
    }
  }

  private final Map<String, Served> byPath;

  private ServedState(Map<String, Served> byPath) {
    this.byPath = byPath;
  }

  static ServedState capture(NotaryHttp http, String gun, Collection<String> roles) {
    Map<String, Served> out = new LinkedHashMap<>();
    for (String role : roles) {
      String byName = NotaryHttp.tufPath(gun, role + ".json");
      Served current = fetch(http, byName);
      out.put(byName, current);
      if (!current.present() || role.equals("timestamp")) {
        continue;
      }
      out.put(NotaryHttp.tufPath(gun, role + "." + Hashes.sha256(current.body()) + ".json"),
          fetch(http, NotaryHttp.tufPath(gun, role + "." + Hashes.sha256(current.body()) + ".json")));
      long version = version(current.body()).orElse(0L);
      for (long v = 1; v <= Math.min(version, 50); v++) {
        String path = NotaryHttp.tufPath(gun, v + "." + role + ".json");
        out.put(path, fetch(http, path));
      }
    }
    return new ServedState(out);
  }

  /** The same paths fetched again. */
  ServedState again(NotaryHttp http) {
    Map<String, Served> out = new LinkedHashMap<>();
    for (String path : byPath.keySet()) {
      out.put(path, fetch(http, path));
    }
    return new ServedState(out);
  }

  Map<String, Served> byPath() {
    return byPath;
  }

  Optional<byte[]> current(String gun, String role) {
    Served s = byPath.get(NotaryHttp.tufPath(gun, role + ".json"));
    return s != null && s.present() ? Optional.of(s.body()) : Optional.empty();
  }

  /** Differences from {@code earlier}, one line each; empty when nothing served changed. */
  /** One path that answers differently now. */
  record Change(String path, Served before, Served now) {
    /** No answer at all now: the server is gone, which is not the same as serving other bytes. */
    boolean unanswered() {
      return now.status() < 0;
    }

    @Override
    public String toString() {
      return path + ": " + before.describe() + " -> " + now.describe();
    }
  }

  /** Differences from {@code earlier}; empty when nothing served changed. */
  List<Change> changesSince(ServedState earlier, List<String> notes) {
    List<Change> changes = new ArrayList<>();
    for (Map.Entry<String, Served> e : earlier.byPath.entrySet()) {
      Served now = byPath.get(e.getKey());
      if (now == null || e.getValue().same(now)) {
        continue;
      }
      if (e.getKey().endsWith("/timestamp.json") && resigned(e.getValue(), now)) {
        notes.add("the server re-signed the timestamp (same snapshot pinned): " + e.getValue().describe() + " -> " + now.describe());
        continue;
      }
      changes.add(new Change(e.getKey(), e.getValue(), now));
    }
    return changes;
  }

  private static boolean resigned(Served before, Served now) {
    if (!before.present() || !now.present()) {
      return false;
    }
    try {
      JsonNode a = Json.parse(before.body()).path("signed");
      JsonNode b = Json.parse(now.body()).path("signed");
      return a.path("meta").path("snapshot").equals(b.path("meta").path("snapshot"))
          && b.path("version").asLong() >= a.path("version").asLong();
    } catch (RuntimeException e) {
      return false;
    }
  }

  static Served fetch(NotaryHttp http, String path) {
    NotaryHttp.Answer a = http.get(path);
    return new Served(a.status(), a.body());
  }

  static Optional<Long> version(byte[] body) {
    try {
      JsonNode v = Json.parse(body).path("signed").path("version");
      return v.canConvertToLong() ? Optional.of(v.asLong()) : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }
}
