package dev.mallory.sut.backend;

import dev.mallory.repo.Publication;
import dev.mallory.repo.signing.SigningService;
import dev.mallory.repo.store.MetadataStore;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * One scenario's repository as a backend serves it. The scenario's
 * {@link dev.mallory.repo.Repository} signs into {@link #store()} with {@link #signer()} for its
 * online roles; {@link #published} then makes each publication what the server serves, and
 * {@link #served()} holds every version of every role exactly as the server serves it (the
 * history the attacker replays and the outcomes compare against).
 */
public interface HostedRepository extends AutoCloseable {
  /** The repository's name: its GUN in the Notary dialect. */
  String name();

  /** Where the scenario's repository commits its files and target bytes. */
  MetadataStore store();

  /** Who holds the online keys (timestamp) the repository's root lists. */
  SigningService signer();

  /** Every version of every role as the server serves it, under {@link #name()}. */
  MetadataStore served();

  /**
   * Roles whose files the server signs itself, with keys Mallory cannot have, when it sees fit
   * (notary-server: timestamp). Empty: Mallory signs everything.
   */
  Set<String> signedByServer();

  /** The server's name, for reasons: {@code notary-server}. */
  String serverName();

  /** The server, for evidence: {@code notary-server at http://127.0.0.1:P (pid N)}. */
  String describe();

  /**
   * Makes a publication of the repository what the server serves.
   *
   * @throws dev.mallory.engine.NotApplicableException when the server refuses it (with its answer)
   */
  void published(Publication publication);

  /**
   * Why this repository's scenario cannot be judged, if its server failed under it (a shared
   * server that died mid-scenario): what the client did then says nothing about the client.
   */
  default Optional<String> fault() {
    return Optional.empty();
  }

  /** The base URL of the metadata (the Notary API or the TUF layout). */
  URI url();

  /** The base URL of {@code /targets/}: the same server, or a content server beside it. */
  URI contentUrl();

  @Override
  void close();
}
