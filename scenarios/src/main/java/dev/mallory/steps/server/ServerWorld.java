package dev.mallory.steps.server;

import dev.mallory.dialect.Dialect;
import dev.mallory.engine.RunContext;
import dev.mallory.engine.VerdictException;
import dev.mallory.model.Snapshot;
import dev.mallory.model.Targets;
import dev.mallory.report.Verdict;
import dev.mallory.repo.Delegation;
import dev.mallory.repo.Repository;
import dev.mallory.server.client.Exchange;
import dev.mallory.server.client.NotaryHttp;
import dev.mallory.server.client.NotaryPublisher;
import dev.mallory.sut.server.ReferenceServerUnderTest;
import dev.mallory.sut.server.ServerUnderTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The state of one server-validation scenario (one instance per scenario, picocontainer-injected):
 * the server under test, the honest publisher's client-side Notary repository, what the server has
 * acknowledged, the served state captured before an attack, every HTTP exchange (the evidence),
 * and the findings of the outcome steps, which become one verdict in {@link ServerHooks}.
 *
 * <p>Every scenario publishes under a repository name (GUN) of its own below
 * {@link ReferenceServerUnderTest#NAMESPACE}, so scenarios against one shared server (a server
 * given by URL) do not see each other.
 */
public final class ServerWorld {
  /** The delegation the honest repository has, and the paths it is given. */
  static final String DELEGATION = "targets/releases";
  static final String DELEGATED_PATHS = "releases/";

  /** One soft assertion's result: the verdict it decides and what was observed. */
  record Finding(Verdict verdict, String step, String observation) {
    @Override
    public String toString() {
      return verdict + " [" + step + "] " + observation;
    }
  }

  private ServerUnderTest server;
  private Path dir;
  private String gun;
  private NotaryHttp http;
  private Repository publisher;
  private byte[] firstRoot;
  private final Map<String, byte[]> acknowledged = new LinkedHashMap<>();
  private final Map<String, String> publishedTargets = new LinkedHashMap<>(); // path -> content
  private final Set<String> touchedNames = new LinkedHashSet<>();
  private final List<Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());
  private final List<Finding> findings = Collections.synchronizedList(new ArrayList<>());
  private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Repository> others = new LinkedHashMap<>();
  private final Map<String, Map<String, byte[]>> othersAcknowledged = new LinkedHashMap<>();
  private String attack = "";
  private NotaryHttp.Answer lastUpload;
  private List<NotaryHttp.Answer> lastUploads = List.of();
  private ServedState before;
  private final Map<String, ServedState> othersBefore = new LinkedHashMap<>();
  private Duration serverClockOffset = Duration.ZERO;
  private List<Map<String, byte[]>> raceUploads = List.of();
  private Burst.Result burst;

  // ---- life cycle -------------------------------------------------------------------------------

  void begin(ServerUnderTest newServer) {
    this.server = newServer;
    this.gun = newGun();
    try {
      this.dir = Files.createDirectories(RunContext.current().workRoot().resolve("s-" + UUID.randomUUID()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    note("server: " + server.name() + " — storage: " + server.storage());
    server.start();
    note("started: " + server.description());
    this.http = new NotaryHttp(server.url(), this::record);
  }

  void close() {
    if (server != null) {
      server.stop();
    }
  }

  static String newGun() {
    return ReferenceServerUnderTest.NAMESPACE + UUID.randomUUID().toString().substring(0, 8) + "/app";
  }

  // ---- accessors --------------------------------------------------------------------------------

  ServerUnderTest server() {
    return server;
  }

  String gun() {
    return gun;
  }

  Path dir() {
    return dir;
  }

  NotaryHttp http() {
    return http;
  }

  Repository publisher() {
    if (publisher == null) {
      throw new IllegalStateException("no repository yet: start with 'the server hosts a repository published by an honest publisher'");
    }
    return publisher;
  }

  byte[] firstRoot() {
    return firstRoot;
  }

  Map<String, byte[]> acknowledged() {
    return acknowledged;
  }

  Map<String, String> publishedTargets() {
    return publishedTargets;
  }

  Map<String, Repository> others() {
    return others;
  }

  Map<String, Map<String, byte[]>> othersAcknowledged() {
    return othersAcknowledged;
  }

  Set<String> touchedNames() {
    return touchedNames;
  }

  Optional<String> authorization() {
    return server.pushAuthorization(gun);
  }

  // ---- publishing -------------------------------------------------------------------------------

  /** Creates the honest repository: root, targets with "app", then a delegation holding "releases/one". */
  void createHonestRepository() {
    publisher = NotaryPublisher.clientRepository(http, gun);
    publisher.addTarget("app", bytes("app 1.0"));
    publisher.publish();
    firstRoot = publisher.current("root").orElseThrow().bytes();
    mustAccept("the honest publisher's first upload (root, targets, snapshot)",
        NotaryPublisher.files(publisher, "root", "targets", "snapshot"));
    publisher.delegate("targets", DELEGATION, Delegation.paths(DELEGATED_PATHS));
    publisher.addTarget(DELEGATION, "releases/one", bytes("one"));
    publisher.publish();
    mustAccept("the honest publisher's delegation (targets, " + DELEGATION + ", snapshot)",
        NotaryPublisher.files(publisher, "targets", DELEGATION, "snapshot"));
    publishedTargets.put("app", "app 1.0");
    publishedTargets.put("releases/one", "one");
  }

  /** Uploads the files and requires the server to accept them (a precondition: else BROKEN now). */
  void mustAccept(String what, Map<String, byte[]> files) {
    NotaryHttp.Answer a = http.upload(gun, files, authorization().orElse(null));
    if (!a.ok()) {
      throw VerdictException.broken("the server refused an honest upload (" + what + "): " + a.exchange().describe());
    }
    acknowledged.putAll(files);
  }

  /** Uploads and remembers the answer for the outcome steps; acknowledged files are remembered too. */
  NotaryHttp.Answer upload(Map<String, byte[]> files, String authorization) {
    touchedNames.addAll(files.keySet());
    lastUpload = http.upload(gun, files, authorization);
    if (lastUpload.ok()) {
      acknowledged.putAll(files);
    }
    return lastUpload;
  }

  void setLastUpload(NotaryHttp.Answer answer) {
    lastUpload = answer;
  }

  NotaryHttp.Answer lastUpload() {
    if (lastUpload == null) {
      throw new IllegalStateException("no upload happened in this scenario");
    }
    return lastUpload;
  }

  void setLastUploads(List<NotaryHttp.Answer> answers) {
    lastUploads = List.copyOf(answers);
  }

  List<NotaryHttp.Answer> lastUploads() {
    return lastUploads;
  }

  /** The honest publisher's current model of a targets role. */
  Targets targets(String role) {
    return publisher().targets(role);
  }

  Snapshot currentSnapshot() {
    return Dialect.NOTARY.parse(publisher().current("snapshot").orElseThrow().bytes(), Snapshot.class).signed();
  }

  void advanceServerClock(Duration by) {
    serverClockOffset = serverClockOffset.plus(by);
  }

  /** Now, as the server's (possibly moved) clock has it. */
  Instant serverNow() {
    return Instant.now().plus(serverClockOffset);
  }

  void setRaceUploads(List<Map<String, byte[]>> uploads) {
    raceUploads = List.copyOf(uploads);
  }

  List<Map<String, byte[]>> raceUploads() {
    return raceUploads;
  }

  void setBurst(Burst.Result result) {
    burst = result;
  }

  Burst.Result burst() {
    if (burst == null) {
      throw new IllegalStateException("no burst of requests in this scenario");
    }
    return burst;
  }

  // ---- served state -----------------------------------------------------------------------------

  /** Captures what the server serves now, before an attack. */
  void captureBefore() {
    before = ServedState.capture(http, gun, roleNames());
    othersBefore.clear();
    for (String other : othersAcknowledged.keySet()) {
      othersBefore.put(other, ServedState.capture(http, other, List.of("root", "targets", "snapshot", "timestamp")));
    }
  }

  Map<String, ServedState> othersBefore() {
    return othersBefore;
  }

  Optional<ServedState> before() {
    return Optional.ofNullable(before);
  }

  Set<String> roleNames() {
    Set<String> names = new LinkedHashSet<>(List.of("root", "targets", "snapshot", "timestamp"));
    if (publisher != null && publisher.current(DELEGATION).isPresent()) {
      names.add(DELEGATION);
    }
    names.addAll(touchedNames);
    return names;
  }

  // ---- evidence ---------------------------------------------------------------------------------

  void record(Exchange exchange) {
    exchanges.add(exchange);
  }

  void attack(String description) {
    attack = attack.isEmpty() ? description : attack + "; " + description;
  }

  String attackText() {
    return attack;
  }

  List<Exchange> exchanges() {
    synchronized (exchanges) {
      return List.copyOf(exchanges);
    }
  }

  void note(String text) {
    notes.add(text);
  }

  List<String> notes() {
    synchronized (notes) {
      return List.copyOf(notes);
    }
  }

  void find(Verdict verdict, String step, String observation) {
    findings.add(new Finding(verdict, step, observation));
  }

  List<Finding> findings() {
    synchronized (findings) {
      return List.copyOf(findings);
    }
  }

  Verdict worst() {
    Verdict worst = Verdict.PROTECTED;
    for (Finding f : findings()) {
      if (f.verdict() == Verdict.VULNERABLE || (f.verdict() == Verdict.BROKEN && worst == Verdict.PROTECTED)) {
        worst = f.verdict();
      }
    }
    return worst;
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
