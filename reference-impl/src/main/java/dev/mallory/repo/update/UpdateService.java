package dev.mallory.repo.update;

import dev.mallory.dialect.Dialect;
import dev.mallory.model.Key;
import dev.mallory.model.RoleType;
import dev.mallory.model.Root;
import dev.mallory.model.Timestamp;
import dev.mallory.repo.Lifetimes;
import dev.mallory.repo.signing.SigningService;
import dev.mallory.repo.store.MetadataStore;
import dev.mallory.repo.store.RoleFile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The server side of a repository: accepts validated uploads, makes snapshot and timestamp with the
 * online keys, rotates those keys, keeps timestamps fresh. Everything that changes a repository
 * holds that repository's lock from reading the current state to the commit, so of two concurrent
 * uploads of the same version exactly one is committed and the other sees it and gets VERSION.
 */
public final class UpdateService {
  private final MetadataStore store;
  private final SigningService signer;
  private final Clock clock;
  private final Duration refreshMargin;
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
  private final Map<String, Instant> timestampExpiry = new ConcurrentHashMap<>(); // by sha256

  /**
   * @param refreshMargin a timestamp expiring within this margin is re-signed when it is served
   */
  public UpdateService(MetadataStore store, SigningService signer, Clock clock, Duration refreshMargin) {
    this.store = store;
    this.signer = signer;
    this.clock = clock;
    this.refreshMargin = refreshMargin;
  }

  public MetadataStore store() {
    return store;
  }

  /** Validates and, only if every check passes, commits the files plus new snapshot/timestamp. */
  public UpdateOutcome upload(String repository, Map<String, byte[]> files) {
    ReentrantLock lock = lock(repository);
    lock.lock();
    try {
      if (files.isEmpty()) {
        return new UpdateOutcome.Rejected(new MalformedUploadException("no role files in the upload"));
      }
      Dialect dialect = store.dialect(repository).orElse(Dialect.NOTARY);
      Instant now = clock.instant();
      UpdateValidator validator = new UpdateValidator(dialect, now, state(repository));
      Root root;
      try {
        root = validator.validate(files);
      } catch (UpdateRejectedException e) {
        return new UpdateOutcome.Rejected(e);
      }
      List<RoleFile> commit = new ArrayList<>(validator.uploadedFiles());
      Map<String, RoleFile> resulting = validator.resultingFiles();
      Lifetimes lifetimes = Lifetimes.defaults(dialect);
      RoleFile snapshot = resulting.get("snapshot");
      if (!files.containsKey("snapshot")) {
        if (!signer.holdsAny(repository, root.role(RoleType.SNAPSHOT).keyIds())) {
          return new UpdateOutcome.Rejected(new MissingRoleException("snapshot",
              "no snapshot was included in update and server does not hold current snapshot key for repository"));
        }
        resulting.remove("snapshot");
        snapshot = OnlineRoles.snapshot(dialect, repository, root, resulting, nextVersion(repository, "snapshot"),
            now.plus(lifetimes.of("snapshot")), signer);
        commit.add(snapshot);
      }
      if (!signer.holdsAny(repository, root.role(RoleType.TIMESTAMP).keyIds())) {
        return new UpdateOutcome.Rejected(new MissingRoleException("timestamp", "no timestamp keys exist on the server"));
      }
      commit.add(OnlineRoles.timestamp(dialect, repository, root, snapshot, nextVersion(repository, "timestamp"),
          now.plus(lifetimes.of("timestamp")), signer));
      store.create(repository, dialect);
      store.commit(repository, commit);
      return new UpdateOutcome.Accepted(commit);
    } finally {
      lock.unlock();
    }
  }

  /** The public key of a server-held role (timestamp or snapshot), made on first request. */
  public Key publicKey(String repository, String role) {
    return signer.publicKey(repository, role, encoding(repository));
  }

  /** A new server-held key; the client then publishes a root that lists it. */
  public Key rotateKey(String repository, String role) {
    ReentrantLock lock = lock(repository);
    lock.lock();
    try {
      return signer.rotate(repository, role, encoding(repository));
    } finally {
      lock.unlock();
    }
  }

  public void delete(String repository) {
    ReentrantLock lock = lock(repository);
    lock.lock();
    try {
      store.delete(repository);
      timestampExpiry.clear();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The current timestamp, first re-signed if it expires within the refresh margin and the signer
   * holds a timestamp key the root lists: an honest server never serves a stale timestamp.
   */
  public Optional<RoleFile> freshTimestamp(String repository) {
    Optional<RoleFile> currentTs = store.current(repository, "timestamp");
    if (currentTs.isEmpty() || !needsRefresh(repository, currentTs.get())) {
      return currentTs;
    }
    ReentrantLock lock = lock(repository);
    lock.lock();
    try {
      RoleFile ts = store.current(repository, "timestamp").orElseThrow();
      if (!needsRefresh(repository, ts)) {
        return Optional.of(ts); // another request refreshed it meanwhile
      }
      Dialect dialect = store.dialect(repository).orElseThrow();
      Root root = dialect.parse(store.current(repository, "root").orElseThrow().bytes(), Root.class).signed();
      RoleFile snapshot = store.current(repository, "snapshot").orElseThrow();
      if (!signer.holdsAny(repository, root.role(RoleType.TIMESTAMP).keyIds())) {
        return Optional.of(ts);
      }
      Instant now = clock.instant();
      RoleFile next = OnlineRoles.timestamp(dialect, repository, root, snapshot, ts.version() + 1,
          now.plus(Lifetimes.defaults(dialect).of("timestamp")), signer);
      store.commit(repository, List.of(next));
      return Optional.of(next);
    } finally {
      lock.unlock();
    }
  }

  private boolean needsRefresh(String repository, RoleFile ts) {
    Instant expires = timestampExpiry.computeIfAbsent(ts.sha256(), sha ->
        store.dialect(repository).orElseThrow().parse(ts.bytes(), Timestamp.class).signed().expires());
    return !expires.isAfter(clock.instant().plus(refreshMargin));
  }

  private long nextVersion(String repository, String role) {
    return store.current(repository, role).map(f -> f.version() + 1).orElse(1L);
  }

  private dev.mallory.crypto.KeyEncoding encoding(String repository) {
    return store.dialect(repository).orElse(Dialect.NOTARY).keyEncoding();
  }

  private UpdateValidator.CurrentState state(String repository) {
    return new UpdateValidator.CurrentState() {
      @Override
      public Optional<RoleFile> current(String role) {
        return store.current(repository, role);
      }

      @Override
      public List<String> roles() {
        return List.copyOf(store.roles(repository));
      }
    };
  }

  private ReentrantLock lock(String repository) {
    return locks.computeIfAbsent(repository, r -> new ReentrantLock());
  }
}
