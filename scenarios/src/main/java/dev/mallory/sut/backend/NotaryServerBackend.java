package dev.mallory.sut.backend;

import dev.mallory.dialect.Dialect;
import dev.mallory.engine.NotApplicableException;
import dev.mallory.external.NotaryServer;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The real notary-server (Debian 0.7.0: memory storage, the in-process signer, plain HTTP), one
 * process for the whole run: started on the first scenario on a free 127.0.0.1 port, stopped by
 * pid on {@link #close()}. Scenarios stay apart by publishing under GUNs of their own.
 */
final class NotaryServerBackend implements RepositoryBackend {
  private NotaryServer server;
  private RuntimeException startFailure;
  private boolean closed;

  @Override
  public String id() {
    return NOTARY_SERVER;
  }

  @Override
  public HostedRepository host(Dialect dialect, Path runDir) {
    if (dialect != Dialect.NOTARY) {
      throw new NotApplicableException("notary-server serves the Notary API only, and the client under test speaks the TUF 1.0 layout");
    }
    return new NotaryServerHosting(running(runDir), "mallory.test/" + UUID.randomUUID().toString().substring(0, 8) + "/app");
  }

  /** The shared server, started on first use; a server that failed to start or died is a harness fault. */
  private synchronized NotaryServer running(Path runDir) {
    if (closed) {
      throw new IllegalStateException("the notary-server backend is closed");
    }
    if (startFailure != null) {
      throw new IllegalStateException("notary-server did not start: " + startFailure.getMessage(), startFailure);
    }
    if (server == null) {
      if (!NotaryServer.isInstalled()) {
        startFailure = new IllegalStateException(NotaryServer.NOT_INSTALLED);
        throw startFailure;
      }
      try {
        server = NotaryServer.start(runDir.resolve("notary-server"));
      } catch (RuntimeException e) {
        startFailure = e;
        throw new IllegalStateException("notary-server did not start: " + e.getMessage(), e);
      }
    }
    if (!server.isAlive()) {
      throw new IllegalStateException("notary-server " + server + " is no longer running:\n" + server.process().logTail());
    }
    return server;
  }

  /** The running server's pid, once started (for tests and evidence). */
  synchronized java.util.OptionalLong pid() {
    return server == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(server.pid());
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (server != null) {
      server.close();
    }
  }
}
