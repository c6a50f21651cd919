package dev.mallory.steps.world;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mallory.journal.JournalEntry;
import dev.mallory.json.Json;
import dev.mallory.report.Verdict;
import dev.mallory.repo.store.RoleFile;
import dev.mallory.steps.params.FileRef;
import dev.mallory.sut.ClientOutcome;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The outcome steps that read the proxy journal (features/README.md, "Outcomes"): how many bytes
 * the client took for a file, how long it waited, which files it requested, and what it was served;
 * plus the dependency check over the metadata the client stored. Also the journal excerpt of the
 * evidence: one line per exchange.
 */
public final class JournalObservations {
  /** Transport slack over a length limit (socket buffers); {@code -Dmallory.lengthSlack=BYTES}. */
  public static final long DEFAULT_SLACK = 8L * 1024 * 1024;
  /** Default length limits when no pinning file lists a length (python-tuf's defaults). */
  static final long ROOT_LIMIT = 512_000;
  static final long TIMESTAMP_LIMIT = 16_384;
  static final long SNAPSHOT_LIMIT = 2_000_000;
  static final long TARGETS_LIMIT = 5_000_000;
  private static final int MAX_DELEGATION_DEPTH = 32;
  private static final int MAX_EXCERPT = 200;
  /** How long a hung-up exchange may take to reach the journal. */
  private static final java.time.Duration JOURNAL_SETTLE = java.time.Duration.ofSeconds(2);

  private final ScenarioWorld world;

  public JournalObservations(ScenarioWorld world) {
    this.world = world;
  }

  /** The exchanges for a FILE among these entries. */
  List<JournalEntry> exchangesFor(FileRef file, List<JournalEntry> entries) {
    return entries.stream().filter(e -> isFor(file, e)).toList();
  }

  private boolean isFor(FileRef file, JournalEntry e) {
    if (file instanceof FileRef.Target t) {
      return e.request().isTarget() && t.path().equals(e.request().targetPath());
    }
    String role = ((FileRef.Metadata) file).role().name();
    return e.request().isMetadata() && role.equals(e.role()); // the step already gave the dialect's name
  }

  /** The bytes the client took for FILE in its last action stay within the length limit plus slack. */
  public Finding stoppedReadingWithinLimit(String step, ClientAction action, FileRef file) {
    long limit = lengthLimit(file);
    long slack = Long.getLong("mallory.lengthSlack", DEFAULT_SLACK);
    List<JournalEntry> exchanges = exchangesFor(file, world.journalDuring(action));
    long most = exchanges.stream().mapToLong(JournalEntry::sentBytes).max().orElse(0);
    long total = exchanges.stream().mapToLong(JournalEntry::sentBytes).sum();
    String measured = file + ": at most " + most + " bytes in one of " + exchanges.size() + " exchange(s), " + total
        + " in all; limit " + limit + " + slack " + slack;
    if (action.outcome() instanceof ClientOutcome.TimedOut) {
      return new Finding(Verdict.VULNERABLE, step, "the client was still busy at its deadline; " + measured);
    }
    if (most > limit + slack) {
      return new Finding(Verdict.VULNERABLE, step, "the client kept reading past its limit: " + measured);
    }
    return Finding.passed(step, measured);
  }

  /**
   * The length limit of FILE: the length its pinning file lists (the repository's current one),
   * else the defaults of features/README.md; a target's signed length.
   */
  long lengthLimit(FileRef file) {
    ScenarioRepository repo = world.repository();
    if (file instanceof FileRef.Target t) {
      return repo.currentTarget(t.path()).map(b -> (long) b.length).orElse(0L);
    }
    String role = ((FileRef.Metadata) file).role().name();
    return switch (role) {
      case "root" -> ROOT_LIMIT;
      case "timestamp" -> TIMESTAMP_LIMIT;
      case "snapshot" -> listedLength("timestamp", "snapshot").orElse(SNAPSHOT_LIMIT);
      default -> listedLength("snapshot", role).orElse(TARGETS_LIMIT);
    };
  }

  private Optional<Long> listedLength(String pinning, String role) {
    ScenarioRepository repo = world.repository();
    Optional<RoleFile> current = repo.served().current(pinning);
    if (current.isEmpty()) {
      return Optional.empty();
    }
    JsonNode length = Json.parse(current.get().bytes()).path("signed").path("meta").path(repo.dialect().metaKey(role)).path("length");
    return length.canConvertToLong() ? Optional.of(length.asLong()) : Optional.empty();
  }

  /** Informational: how long the client waited for FILE, and whether it gave up or was killed. */
  public Finding gaveUp(String step, ClientAction action, FileRef file, int seconds) {
    List<JournalEntry> exchanges = awaitExchanges(file, action);
    long waitedMs = exchanges.stream().mapToLong(JournalEntry::micros).max().orElse(0) / 1000;
    String how = action.outcome() instanceof ClientOutcome.TimedOut
        ? "was killed at its deadline after " + action.outcome().elapsed().toMillis() + " ms"
        : action.succeeded() ? "finished (" + action.outcome().describe() + ") after " + action.outcome().elapsed().toMillis() + " ms"
        : "gave up after " + action.outcome().elapsed().toMillis() + " ms (" + action.outcome().describe() + ")";
    String observation = "the client " + how + "; longest exchange for " + file + ": " + waitedMs + " ms over "
        + exchanges.size() + " exchange(s); expected within " + seconds + " s: "
        + (action.outcome().elapsed().toSeconds() <= seconds && !(action.outcome() instanceof ClientOutcome.TimedOut) ? "yes" : "no");
    world.note(observation);
    return Finding.passed(step, observation);
  }

  /**
   * The exchanges for FILE during the action. An exchange the client hung up on is journaled when
   * the proxy sees the connection close, a moment after the client's command returned: wait for
   * one, briefly (a client that never asked for FILE costs this wait once).
   */
  private List<JournalEntry> awaitExchanges(FileRef file, ClientAction action) {
    long until = System.nanoTime() + JOURNAL_SETTLE.toNanos();
    List<JournalEntry> exchanges = exchangesFor(file, world.journalDuring(action));
    while (exchanges.isEmpty() && System.nanoTime() < until) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      exchanges = exchangesFor(file, world.journalDuring(action));
    }
    return exchanges;
  }

  /** The proxy saw no request for FILE during the last action. */
  public Finding didNotRequest(String step, ClientAction action, FileRef file) {
    List<JournalEntry> exchanges = exchangesFor(file, world.journalDuring(action));
    if (exchanges.isEmpty()) {
      return Finding.passed(step, "no request for " + file);
    }
    return new Finding(Verdict.VULNERABLE, step, "the client requested " + file + ": " + line(exchanges.get(0)));
  }

  /** The stored copy of the role is byte-identical to what the proxy last delivered for it. */
  public Finding storedAsServed(String step, String role) {
    Optional<byte[]> stored = world.session().storedMetadata(role);
    if (stored.isEmpty()) {
      return new Finding(Verdict.BROKEN, step, "the client stores no " + role);
    }
    FileRef file = new FileRef.Metadata(new dev.mallory.steps.params.RoleRef(role));
    List<JournalEntry> served = exchangesFor(file, world.journal()).stream()
        .filter(e -> e.sentStatus() == 200 && e.sentSha256() != null).toList();
    if (served.isEmpty()) {
      return new Finding(Verdict.BROKEN, step, "the proxy delivered no whole " + role + " file to compare with");
    }
    String storedHash = MetadataIdentity.sha256(stored.get());
    for (int i = served.size() - 1; i >= 0; i--) {
      if (storedHash.equals(served.get(i).sentSha256())) {
        return Finding.passed(step, "stored " + role + " is byte-identical to what was served (" + stored.get().length + " bytes)");
      }
    }
    JournalEntry last = served.get(served.size() - 1);
    return new Finding(Verdict.BROKEN, step, "stored " + role + " (" + stored.get().length + " bytes) differs from every copy served; last served "
        + last.sentBytes() + " bytes");
  }

  /**
   * The dependency list the client would hand its application for NAME lacks DEP: NAME is looked
   * up in the metadata the client stored, in the spec's search order (5.6.7: targets first, then
   * delegations in order, depth first, stopping at a terminating delegation).
   */
  public Finding noDependency(String step, String name, String dependency) {
    Optional<JsonNode> entry = storedTargetEntry("targets", name, new HashSet<>(), 0);
    if (entry.isEmpty()) {
      return Finding.passed(step, "the client's stored metadata lists no " + name);
    }
    JsonNode deps = entry.get().path("custom").path("dependencies");
    List<String> list = new ArrayList<>();
    deps.forEach(d -> list.add(d.asText()));
    if (list.contains(dependency)) {
      return new Finding(Verdict.VULNERABLE, step, "the client trusts " + name + " depending on " + list);
    }
    return Finding.passed(step, name + " depends on " + list);
  }

  private Optional<JsonNode> storedTargetEntry(String role, String name, Set<String> visited, int depth) {
    if (depth > MAX_DELEGATION_DEPTH || !visited.add(role)) {
      return Optional.empty();
    }
    Optional<byte[]> stored = world.session().storedMetadata(role);
    if (stored.isEmpty()) {
      return Optional.empty();
    }
    JsonNode signed;
    try {
      signed = Json.parse(stored.get()).path("signed");
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
    JsonNode entry = signed.path("targets").path(name);
    if (entry.isObject()) {
      return Optional.of(entry);
    }
    for (JsonNode delegation : signed.path("delegations").path("roles")) {
      if (!delegates(delegation, name)) {
        continue;
      }
      Optional<JsonNode> found = storedTargetEntry(delegation.path("name").asText(), name, visited, depth + 1);
      if (found.isPresent()) {
        return found;
      }
      if (delegation.path("terminating").asBoolean(false)) {
        break;
      }
    }
    return Optional.empty();
  }

  private boolean delegates(JsonNode delegation, String name) {
    var matching = world.repository().dialect().pathMatching();
    for (JsonNode pattern : delegation.path("paths")) {
      if (matching.matches(pattern.asText(), name)) {
        return true;
      }
    }
    return delegation.has("path_hash_prefixes"); // hash prefixes: let the stored role answer
  }

  // ---- evidence -------------------------------------------------------------------------------

  /** One line per exchange: {@code GET /metadata/timestamp.json -> 200 [replaced by mallory-scenario] 312 bytes}. */
  public List<String> excerpt() {
    List<JournalEntry> all = world.journal();
    List<String> lines = new ArrayList<>();
    int from = Math.max(0, all.size() - MAX_EXCERPT);
    if (from > 0) {
      lines.add("(" + from + " earlier exchanges left out)");
    }
    for (JournalEntry e : all.subList(from, all.size())) {
      lines.add(line(e));
    }
    return lines;
  }

  static String line(JournalEntry e) {
    StringBuilder s = new StringBuilder();
    s.append(e.request().method()).append(' ').append(e.request().path()).append(" -> ")
        .append(e.sentStatus() == 0 ? "reset" : String.valueOf(e.sentStatus()));
    if (e.attacked()) {
      s.append(" [").append(e.effect()).append(" by ").append(Objects.toString(e.attackType(), "attack"))
          .append("; upstream ").append(e.upstreamStatus()).append(e.upstreamLength() >= 0 ? ", " + e.upstreamLength() + " bytes" : "")
          .append(']');
    } else if (e.upstreamError() != null) {
      s.append(" [upstream: ").append(e.upstreamError()).append(']');
    }
    if (e.retriedAfter() != null) {
      s.append(" [sent again on a fresh upstream connection after: ").append(e.retriedAfter()).append(']');
    }
    s.append(' ').append(e.sentBytes()).append(" bytes, ").append(e.micros() / 1000).append(" ms");
    return s.toString();
  }
}
