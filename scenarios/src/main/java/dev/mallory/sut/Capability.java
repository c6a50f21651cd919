package dev.mallory.sut;

/** Features a scenario may need; a client without one gets NOT_APPLICABLE, not a failure. */
public enum Capability {
  /** The TUF 1.0 repository layout (/metadata/N.ROLE.json). */
  TUF_LAYOUT,
  /** The Notary API (/v2/GUN/_trust/tuf/ROLE.json). */
  NOTARY_API,
  /** Delegated targets roles. */
  DELEGATIONS,
  /** Repositories with consistent_snapshot false. */
  NO_CONSISTENT_SNAPSHOT,
  /** Downloading target files (not only metadata). */
  DOWNLOAD,
  /**
   * Target bytes are fetched by Mallory and handed to the client to verify, because the client has
   * no downloader of its own (the notary CLI: {@code notary verify}). How a download is bounded
   * ({@code @target-fetch}) is then Mallory's doing, not the client's, and is not judged.
   */
  TARGETS_HANDED_IN,
  /** Trust on first use restricted to root keys configured in advance (notary's trust_pinning). */
  ROOT_KEY_PINNING,
  /** More than one base URL (mirror) for the same repository, tried in order. */
  MIRRORS,
  /**
   * The client takes "now" from Mallory: an injected clock in-process, {@code --reference-time
   * ISO-8601} (and {@code FAKETIME=@<epoch seconds>}) on a conformance CLI. Its scenarios then run
   * on a virtual clock: "time passes" moves it instead of sleeping. Without it they sleep.
   */
  REFERENCE_TIME
}
