package dev.mallory.sut;

/** Registers the in-process reference client for {@code mallory run} (ServiceLoader). */
public final class ReferenceClientProvider implements ReferenceClient {
  @Override
  public ClientUnderTest newClient() {
    return new ReferenceClientUnderTest();
  }
}
