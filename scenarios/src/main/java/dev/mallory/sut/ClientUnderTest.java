package dev.mallory.sut;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A TUF or Notary client Mallory attacks. Implementations drive a real client (in-process, or a
 * process speaking the TUF conformance client CLI protocol, or the notary CLI) and report only what
 * they observed. One instance serves one scenario; {@link #close()} stops anything it started.
 */
public interface ClientUnderTest extends AutoCloseable {
  /** Shown in reports: {@code reference}, {@code tuf-js}, {@code naive:signature-only}, ... */
  String name();

  Set<Capability> capabilities();

  /** Gives the client its trusted root (the conformance {@code init} command). */
  ClientOutcome init(ClientSetup setup);

  /** Updates top-level metadata (the conformance {@code refresh} command). */
  ClientOutcome refresh();

  /** Refreshes, then downloads each target in order, stopping at the first failure. */
  ClientOutcome download(List<String> targetPaths);

  /**
   * The versions of the metadata the client trusts now, read from its metadata directory (role
   * name to version). Roles it trusts nothing for are absent.
   */
  Map<String, Long> trustedVersions();

  /** The bytes of a downloaded target as the client stored it, if it stored one. */
  java.util.Optional<byte[]> downloadedTarget(String targetPath);

  @Override
  void close();
}
