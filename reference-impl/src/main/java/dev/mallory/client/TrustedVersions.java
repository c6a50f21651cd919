package dev.mallory.client;

import java.util.Map;
import java.util.OptionalLong;

/**
 * What the client trusts after a refresh: the evidence a scenario checks ("the client still
 * trusts timestamp v2").
 *
 * @param targets version of every trusted targets role by name ({@code targets} included)
 */
public record TrustedVersions(long root, OptionalLong timestamp, OptionalLong snapshot, Map<String, Long> targets) {}
