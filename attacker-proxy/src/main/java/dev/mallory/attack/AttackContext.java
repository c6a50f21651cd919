package dev.mallory.attack;

import dev.mallory.journal.Recorder;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;

/**
 * What an attack may use while deciding. Decisions run off the network threads, so an attack may
 * block: sign with an RSA key, or fetch the file it needs to forge from upstream.
 */
public interface AttackContext {
  Recorder recorder();

  KeyStore keys();

  Clock clock();

  /**
   * GETs a path from the same upstream the exchange went to (recorded like any other answer).
   * Empty unless upstream answered 200.
   */
  Optional<byte[]> fetch(String path);

  /** State that lives as long as this applied attack (forged files, counters). */
  ConcurrentMap<String, Object> state();
}
