package dev.mallory.sut;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A client that stands in where no TUF client can run: it runs no command, trusts no metadata and
 * stores no target. Every command ends as {@link #refuse()} says: a harness fault when the real
 * client could not be set up ({@code UnavailableClient}), NOT_APPLICABLE when the system is not a
 * TUF client at all (the pull clients).
 *
 * <p>Why a shared interface: both stand-ins answer the state queries the same way (nothing trusted,
 * nothing downloaded); only how a command is refused differs, so that is all each one writes.
 */
public interface StandInClient extends ClientUnderTest {
  /** What every command ends in: the outcome to report, or an exception to throw. */
  ClientOutcome refuse();

  @Override
  default ClientOutcome init(ClientSetup setup) {
    return refuse();
  }

  @Override
  default ClientOutcome refresh() {
    return refuse();
  }

  @Override
  default ClientOutcome download(List<String> targetPaths) {
    return refuse();
  }

  @Override
  default Map<String, Long> trustedVersions() {
    return Map.of();
  }

  @Override
  default Optional<byte[]> downloadedTarget(String targetPath) {
    return Optional.empty();
  }

  @Override
  default void close() {}
}
