package dev.mallory.attack;

import java.util.List;

/**
 * A metadata file the attacker made, and the genuine file it stands in for.
 *
 * @param role role name
 * @param bytes the forged envelope
 * @param version its {@code signed.version}
 * @param sha256 hex SHA-256 of {@code bytes}: Notary clients will ask for it by this hash
 * @param originalVersion the version of the genuine file it replaces
 * @param originalSha256 the hash of the genuine file it replaces
 * @param signedBy key ids of the attacker's signatures; empty when the genuine signatures were kept
 */
public record ForgedFile(
    String role, byte[] bytes, long version, String sha256, long originalVersion, String originalSha256,
    List<String> signedBy) {}
