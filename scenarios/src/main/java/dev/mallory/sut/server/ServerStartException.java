package dev.mallory.sut.server;

/** A server under test could not be started or did not become healthy: a harness error, with its logs. */
public final class ServerStartException extends RuntimeException {
  public ServerStartException(String message) {
    super(message);
  }

  public ServerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
