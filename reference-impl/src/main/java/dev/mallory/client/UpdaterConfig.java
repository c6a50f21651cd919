package dev.mallory.client;

import java.time.Duration;

/**
 * Limits of one updater; defaults are python-tuf 5.x's (and go-tuf v2's), see tuf-attacks.md 2.B.
 *
 * @param maxRootRotations 5.3.3: new root versions walked per refresh (spec Y; 256 since 2024)
 * @param maxDelegations 5.6.7: targets roles visited per target search, top-level targets included
 * @param rootMaxLength 5.3.3 cap W on every root download
 * @param timestampMaxLength 5.4.1 cap X
 * @param snapshotMaxLength 5.5.1 cap Y when timestamp lists no length
 * @param targetsMaxLength 5.6.1 cap Z when snapshot lists no length (delegated roles too)
 * @param connectTimeout connection establishment limit
 * @param readTimeout longest gap between two received chunks (python-tuf socket_timeout)
 * @param downloadDeadline longest whole transfer; stops a peer dripping one byte per read timeout
 *     (python-tuf has no such bound; it is an addition, {@link Duration#ZERO} disables it)
 * @param minimumSpeed slowest transfer sat through (also an addition): by default at least 30 KiB
 *     in every 30 s (1 KiB/s, below any link that can deliver an update), so a byte every few
 *     seconds is refused after 30 s instead of at the deadline
 * @param prefixTargetsWithHash consistent snapshots: fetch targets as {@code <dir>/<hash>.<name>}
 */
public record UpdaterConfig(
    int maxRootRotations,
    int maxDelegations,
    long rootMaxLength,
    long timestampMaxLength,
    long snapshotMaxLength,
    long targetsMaxLength,
    Duration connectTimeout,
    Duration readTimeout,
    Duration downloadDeadline,
    MinimumSpeed minimumSpeed,
    boolean prefixTargetsWithHash) {

  public static final UpdaterConfig DEFAULTS =
      new UpdaterConfig(
          256, 32, 512_000, 16_384, 2_000_000, 5_000_000,
          Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofMinutes(10),
          new MinimumSpeed(30 * 1024, Duration.ofSeconds(30)), true);

  public UpdaterConfig {
    if (maxRootRotations < 1 || maxDelegations < 1) {
      throw new IllegalArgumentException("maxRootRotations and maxDelegations must be at least 1");
    }
    if (rootMaxLength < 1 || timestampMaxLength < 1 || snapshotMaxLength < 1 || targetsMaxLength < 1) {
      throw new IllegalArgumentException("every length cap must be positive");
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
      throw new IllegalArgumentException("connect and read timeouts must be positive");
    }
    if (downloadDeadline.isNegative()) {
      throw new IllegalArgumentException("downloadDeadline must not be negative");
    }
    if (minimumSpeed == null) {
      throw new IllegalArgumentException("minimumSpeed is required (MinimumSpeed.NONE disables it)");
    }
  }

  public UpdaterConfig withMaxRootRotations(int value) {
    return new UpdaterConfig(value, maxDelegations, rootMaxLength, timestampMaxLength, snapshotMaxLength,
        targetsMaxLength, connectTimeout, readTimeout, downloadDeadline, minimumSpeed, prefixTargetsWithHash);
  }

  public UpdaterConfig withMaxDelegations(int value) {
    return new UpdaterConfig(maxRootRotations, value, rootMaxLength, timestampMaxLength, snapshotMaxLength,
        targetsMaxLength, connectTimeout, readTimeout, downloadDeadline, minimumSpeed, prefixTargetsWithHash);
  }

  public UpdaterConfig withMaxLengths(long root, long timestamp, long snapshot, long targets) {
    return new UpdaterConfig(maxRootRotations, maxDelegations, root, timestamp, snapshot, targets,
        connectTimeout, readTimeout, downloadDeadline, minimumSpeed, prefixTargetsWithHash);
  }

  public UpdaterConfig withTimeouts(Duration connect, Duration read, Duration deadline) {
    return new UpdaterConfig(maxRootRotations, maxDelegations, rootMaxLength, timestampMaxLength,
        snapshotMaxLength, targetsMaxLength, connect, read, deadline, minimumSpeed, prefixTargetsWithHash);
  }

  public UpdaterConfig withPrefixTargetsWithHash(boolean value) {
    return new UpdaterConfig(maxRootRotations, maxDelegations, rootMaxLength, timestampMaxLength,
        snapshotMaxLength, targetsMaxLength, connectTimeout, readTimeout, downloadDeadline, minimumSpeed, value);
  }

  /** Fewer than {@code bytes} body bytes in any {@code window} of a download aborts it. */
  public UpdaterConfig withMinimumSpeed(MinimumSpeed value) {
    return new UpdaterConfig(maxRootRotations, maxDelegations, rootMaxLength, timestampMaxLength,
        snapshotMaxLength, targetsMaxLength, connectTimeout, readTimeout, downloadDeadline, value, prefixTargetsWithHash);
  }
}
