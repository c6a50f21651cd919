package dev.mallory.registry.pull;

import dev.mallory.registry.Digest;
import java.nio.file.Path;

/**
 * A successful pull.
 *
 * @param compressedBytes layer bytes downloaded and verified
 * @param unpackedBytes decompressed tar bytes
 * @param entries tar entries applied
 */
public record PullResult(SignedTag tag, Digest manifestDigest, int layers, long compressedBytes, long unpackedBytes,
    int entries, Path root) {}
