package dev.mallory.sut.server;

import java.util.Optional;

/** {@link DockerForTests} for tests in other packages. */
public final class DockerForTestsAccess {
  private DockerForTestsAccess() {}

  public static Optional<String> acquire() {
    return DockerForTests.acquire();
  }

  public static void release() {
    DockerForTests.release();
  }
}
