package dev.mallory.sut.pull;

import dev.mallory.dialect.Dialect;
import java.nio.file.Path;

/** Starts the backend a {@link PullSystem} names, for one scenario. */
public final class PullBackends {
  private PullBackends() {}

  /** @param dir scratch space for the real processes' configs, logs and the publisher's trust directory */
  public static PullBackend start(PullSystem.Backend backend, Path dir) {
    return switch (backend) {
      case TUF -> new ReferenceBackend(Dialect.TUF_1_0);
      case NOTARY -> new ReferenceBackend(Dialect.NOTARY);
      case REAL -> new RealBackend(dir);
    };
  }
}
