package dev.mallory.sut.backend;

import dev.mallory.dialect.Dialect;
import dev.mallory.engine.NotApplicableException;
import dev.mallory.external.NotaryServer;
import dev.mallory.model.Timestamp;
import dev.mallory.repo.Publication;
import dev.mallory.repo.signing.SigningService;
import dev.mallory.repo.store.Hashes;
import dev.mallory.repo.store.MetadataStore;
import dev.mallory.repo.store.RoleFile;
import dev.mallory.server.client.NotaryHttp;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Lock;

/**
 * One scenario's repository on the real notary-server, published the way the notary client
 * publishes: the repository's root lists the server's timestamp key ({@code GET timestamp.key});
 * root, targets, delegated roles and snapshot are signed by the publisher (Mallory, so an
 * attacker can steal them) and uploaded in one multipart {@code POST}; the server signs the
 * timestamp, which is fetched after every upload and recorded as the served history.
 *
 * <p>notary-server does not serve target files: they come from a content server beside it (a
 * reference server over the repository's own store, at {@code /targets/}), as image content comes
 * from a registry beside notary in Docker Content Trust.
 */
final class NotaryServerHosting implements HostedRepository {
  private final NotaryServer server;
  private final String gun;
  private final NotaryHttp http;
  private final ServerHeldKeys keys;
  private final EmbeddedBackend.Hosting content;
  private final MetadataStore served = MetadataStore.inMemory();
  private final Lock serverKeys;

  /** @param serverKeys held while the server makes a key or signs with one (see {@link NotaryServerBackend}) */
  NotaryServerHosting(NotaryServer server, String gun, Lock serverKeys) {
    this.server = server;
    this.gun = gun;
    this.serverKeys = serverKeys;
    this.http = new NotaryHttp(server.url(), exchange -> { });
    this.keys = new ServerHeldKeys(http, gun, serverKeys);
    this.content = new EmbeddedBackend.Hosting(gun, Dialect.NOTARY, keys);
    served.create(gun, Dialect.NOTARY);
  }

  @Override
  public String name() {
    return gun;
  }

  @Override
  public MetadataStore store() {
    return content.store();
  }

  @Override
  public SigningService signer() {
    return keys;
  }

  @Override
  public MetadataStore served() {
    return served;
  }

  @Override
  public Set<String> signedByServer() {
    return Set.of("timestamp");
  }

  @Override
  public String serverName() {
    return "notary-server";
  }

  @Override
  public String describe() {
    return "notary-server at " + server.url() + " (pid " + server.pid() + ")";
  }

  /**
   * Uploads every file of the publication but its timestamp (which the repository cannot sign:
   * the server does), then records the server's new timestamp. A refusal, or a timestamp the
   * server will not serve after acknowledging, is what this server cannot host: NOT_APPLICABLE.
   */
  @Override
  public void published(Publication publication) {
    // The upload and the first GET of the timestamp over it are when the server signs.
    serverKeys.lock();
    try {
      publish(publication);
    } finally {
      serverKeys.unlock();
    }
  }

  private void publish(Publication publication) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    List<RoleFile> uploaded = publication.files().stream().filter(f -> !f.role().equals("timestamp")).toList();
    uploaded.forEach(f -> files.put(f.role(), f.bytes()));
    RoleFile snapshot = publication.file("snapshot").orElseThrow(() ->
        new IllegalStateException("notary-server signs a new timestamp only over a new snapshot; this publication has none"));
    NotaryHttp.Answer upload = answered(http.upload(gun, files, null));
    if (!upload.ok()) {
      throw new NotApplicableException("notary-server refused the upload of " + files.keySet() + ": HTTP " + upload.status()
          + " " + upload.exchange().responseExcerpt());
    }
    served.commit(gun, uploaded);
    NotaryHttp.Answer answer = answered(http.get(NotaryHttp.tufPath(gun, "timestamp.json")));
    if (!answer.ok()) {
      throw new NotApplicableException("notary-server acknowledged the upload of " + files.keySet()
          + " but then answered timestamp.json with HTTP " + answer.status() + " " + answer.exchange().responseExcerpt());
    }
    Timestamp timestamp = Dialect.NOTARY.parse(answer.body(), Timestamp.class).signed();
    if (!Hashes.sha256(snapshot.bytes()).equals(timestamp.snapshotMeta().hashes().get("sha256"))) {
      throw new IllegalStateException("notary-server's timestamp version " + timestamp.version()
          + " does not pin the snapshot just uploaded (version " + snapshot.version() + ")");
    }
    long previous = served.current(gun, "timestamp").map(RoleFile::version).orElse(0L);
    if (timestamp.version() <= previous) {
      throw new IllegalStateException("notary-server served timestamp version " + timestamp.version() + " after version " + previous);
    }
    served.commit(gun, List.of(RoleFile.of("timestamp", timestamp.version(), answer.body())));
  }

  /** An answer at all: no answer (connection refused, reset, timeout) is the harness's problem, not a refusal. */
  private NotaryHttp.Answer answered(NotaryHttp.Answer answer) {
    if (answer.status() < 0) {
      throw new IllegalStateException("no answer from " + describe() + ": " + answer.exchange().describe());
    }
    return answer;
  }

  @Override
  public Optional<String> fault() {
    return server.isAlive() ? Optional.empty()
        : Optional.of(describe() + " died during the scenario:\n" + server.process().logTail());
  }

  @Override
  public URI url() {
    return server.url();
  }

  @Override
  public URI contentUrl() {
    return content.url();
  }

  @Override
  public void close() {
    content.close(); // the shared notary-server is stopped by its backend at the end of the run
  }
}
