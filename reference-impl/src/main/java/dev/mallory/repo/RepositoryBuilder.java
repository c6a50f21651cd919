package dev.mallory.repo;

import dev.mallory.crypto.KeyAlgorithm;
import dev.mallory.dialect.Dialect;
import dev.mallory.repo.signing.LocalSigningService;
import dev.mallory.repo.signing.SigningService;
import dev.mallory.repo.store.MetadataStore;
import java.time.Clock;
import java.time.Duration;

/**
 * Options of a new {@link Repository}. Everything has a default: an in-memory store, an in-memory
 * signing service, the system clock, Ed25519 keys, one key per role, no consistent snapshots.
 */
public final class RepositoryBuilder {
  final Dialect dialect;
  String name = "default";
  MetadataStore store;
  SigningService signer;
  Clock clock = Clock.systemUTC();
  KeyAlgorithm algorithm = KeyAlgorithm.ED25519;
  boolean consistentSnapshot;
  boolean snapshotOnline;
  int rootKeys = 1;
  int rootThreshold = 1;
  MetaListing metaListing = MetaListing.TIMESTAMP_HASHED;
  boolean publishFirstVersion = true;
  boolean allowInvalidSetups;
  final Lifetimes lifetimes;

  RepositoryBuilder(Dialect dialect) {
    this.dialect = dialect;
    this.lifetimes = Lifetimes.defaults(dialect);
  }

  /** The repository's name: the URL prefix {@code /repos/<name>/} or, for Notary, the GUN. */
  public RepositoryBuilder name(String name) {
    this.name = name;
    return this;
  }

  public RepositoryBuilder store(MetadataStore store) {
    this.store = store;
    return this;
  }

  public RepositoryBuilder signingService(SigningService signer) {
    this.signer = signer;
    return this;
  }

  /** The clock every expiry is computed from: a clock in the past builds a history in the past. */
  public RepositoryBuilder clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /** Key algorithm of offline TUF keys (Notary keys are always ECDSA, as its client makes them). */
  public RepositoryBuilder keyAlgorithm(KeyAlgorithm algorithm) {
    this.algorithm = algorithm;
    return this;
  }

  public RepositoryBuilder consistentSnapshot(boolean on) {
    this.consistentSnapshot = on;
    return this;
  }

  /** The snapshot key lives in the signing service (Notary's {@code key rotate snapshot -r}). */
  public RepositoryBuilder snapshotOnline(boolean on) {
    this.snapshotOnline = on;
    return this;
  }

  public RepositoryBuilder rootKeys(int count, int threshold) {
    this.rootKeys = count;
    this.rootThreshold = threshold;
    return this;
  }

  public RepositoryBuilder lifetime(String role, Duration lifetime) {
    lifetimes.set(role, lifetime);
    return this;
  }

  /** How timestamp and snapshot describe the files they pin (TUF only; Notary always pins by hash). */
  public RepositoryBuilder metaListing(MetaListing listing) {
    this.metaListing = java.util.Objects.requireNonNull(listing);
    return this;
  }

  /**
   * For scenario repositories only: enables the unchecked setup methods of {@link Repository}
   * ({@code *Unchecked}, {@link Repository#editSignedJson}), which sign misconfigured or hostile
   * metadata the model refuses (threshold 0, shared or aliased keys, overreaching delegations,
   * hostile names). The server's upload validation is not affected: it never uses this path.
   */
  public RepositoryBuilder allowInvalidSetups() {
    this.allowInvalidSetups = true;
    return this;
  }

  /**
   * Generates the keys but signs nothing yet: version 1 of every role is signed by the first
   * {@link Repository#publish()}, so targets, delegations and keys staged before it are part of
   * version 1 (a scenario describes version 1 in several steps).
   */
  public Repository createUnpublished() {
    publishFirstVersion = false;
    return create();
  }

  /** Generates the keys and publishes version 1 of root, targets, snapshot and timestamp. */
  public Repository create() {
    if (store == null) {
      store = MetadataStore.inMemory();
    }
    if (signer == null) {
      signer = LocalSigningService.inMemory();
    }
    return new Repository(this);
  }
}
