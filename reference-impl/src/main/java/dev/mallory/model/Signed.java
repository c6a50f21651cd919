package dev.mallory.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/** The {@code signed} part of any metadata file: the fields every role shares. */
public sealed interface Signed permits Root, Timestamp, Snapshot, Targets {
  RoleType type();

  long version();

  Instant expires();

  /** {@code spec_version} (TUF 1.0); {@code null} in the Notary dialect. */
  String specVersion();

  /** Fields the specification does not define: they are signed, so they are kept. */
  Map<String, JsonNode> unrecognized();

  /** 5.1: metadata is expired when its expiry is at or before the fixed update start time. */
  default boolean isExpiredAt(Instant referenceTime) {
    return !expires().isAfter(referenceTime);
  }
}
