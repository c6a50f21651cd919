package dev.mallory.registry.pull;

import dev.mallory.registry.Digest;

/**
 * What the trust data says about a tag: the manifest's digest and exact length (Docker Content
 * Trust's targets entry: name = tag, {@code hashes.sha256} = manifest digest, {@code length} =
 * manifest length) and the role that signed it.
 */
public record SignedTag(String tag, Digest manifestDigest, long manifestLength, String role) {}
