package dev.mallory.steps.attack;

import java.util.Map;
import java.util.Set;

/**
 * What the attacker serves for one state of the repository: per role the bytes it serves instead
 * of the current file (replays and re-signed pinning files), per target its bytes, and the root
 * versions it withholds. Computed once per repository state, so a forged timestamp and the
 * snapshot it points at agree across requests.
 *
 * @param rootFromVersion root requests by version above this are answered with {@code replayedRoot}
 */
record Plan(Map<String, byte[]> metadata, Map<String, byte[]> targets, byte[] replayedRoot, long rootFromVersion,
    long withheldRootAbove, Set<String> notes) {}
