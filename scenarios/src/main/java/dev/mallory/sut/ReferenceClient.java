package dev.mallory.sut;

/**
 * Where the in-process reference client plugs in. The engine, which builds the reference client
 * (reference-impl's Updater behind a {@link ClientUnderTest} adapter), registers one through
 * {@link ClientsOptions#withReference}; the spec {@code reference} then creates a fresh client per
 * scenario from it. Kept as an interface so this package does not depend on that adapter.
 */
@FunctionalInterface
public interface ReferenceClient {
  /** A new, uninitialised reference client for one scenario. */
  ClientUnderTest newClient();
}
