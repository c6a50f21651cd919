package dev.mallory.journal;

import java.time.Instant;

/**
 * A named point in the recorder's history: "the repository as of now". Everything recorded up to
 * {@code seq} belongs to it; a freeze serves, for each file, the newest recording at or before it.
 */
public record Moment(String label, long seq, Instant at) {}
