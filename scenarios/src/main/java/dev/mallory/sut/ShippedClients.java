package dev.mallory.sut;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The third-party clients Mallory ships shims for, and what each supports. The capabilities are
 * measured, not assumed (shared/research/peers-and-deps.md section 0 and the shims' READMEs); a
 * scenario needing one a client lacks is NOT_APPLICABLE for it, not a failure.
 */
final class ShippedClients {
  private ShippedClients() {}

  /**
   * tuf-js 5.0.1: the full TUF 1.0 client (delegations and consistent_snapshot=false both tested).
   * Its shim exits 1 for its own setup problems too; those lines are harness faults. Reference
   * time: the shim moves node's global {@code Date}, which tuf-js reads for its update start time.
   */
  static final ClientDescriptor TUF_JS =
      new ClientDescriptor("tuf-js",
          EnumSet.of(Capability.TUF_LAYOUT, Capability.DELEGATIONS, Capability.NO_CONSISTENT_SNAPSHOT, Capability.DOWNLOAD,
              Capability.REFERENCE_TIME),
          Optional.of(Pattern.compile("^ERROR (UsageError|SetupError|ClockError):")));

  /**
   * sigstore-java 2.0.0: no delegations ("delegations were removed from sigstore TUF data") and no
   * consistent_snapshot=false (it always asks for N.snapshot.json). Its shim reports harness faults
   * with exit 2 already. Reference time: the shim hands a fixed {@code Clock} to the Updater's
   * builder, the only time its update reads ({@code ZonedDateTime.now(clock)}, 5.3.1).
   */
  static final ClientDescriptor SIGSTORE_JAVA =
      new ClientDescriptor("sigstore-java", EnumSet.of(Capability.TUF_LAYOUT, Capability.DOWNLOAD, Capability.REFERENCE_TIME),
          Optional.empty());

  static Path tufJsExecutable(ClientsOptions options) {
    return options.clientsDir().resolve("tuf-js").resolve("tuf-js-client");
  }

  static Path sigstoreExecutable(ClientsOptions options) {
    return options.clientsDir().resolve("sigstore-java").resolve("sigstore-java-client");
  }

  /**
   * No fetch retries: tuf-js retries network errors and 5xx twice (1 s, then 2 s), which would
   * turn every refused connection into a 3 s wait and blur what a single attack did.
   */
  static final Map<String, String> TUF_JS_ENV = Map.of("MALLORY_TUFJS_FETCH_RETRY", "0");
}
