package dev.mallory.sut.backend;

import dev.mallory.dialect.Dialect;
import dev.mallory.engine.NotApplicableException;
import dev.mallory.external.NotaryServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The real notary-server (Debian 0.7.0: memory storage, the in-process signer, plain HTTP), one
 * process for the whole run: started on the first scenario on a free 127.0.0.1 port, stopped by
 * pid on {@link #close()}. Scenarios stay apart by publishing under GUNs of their own.
 *
 * <p>The in-process signer ({@code trust_service: local}) keeps its keys in a map without a lock:
 * a request that makes a key (the first {@code GET timestamp.key} of a GUN, a rotation) while
 * another makes or signs with one kills the server with {@code fatal error: concurrent map
 * writes} (seen here at {@code signed/ed25519.go:38}, one run in about ten with 4-8 scenarios in
 * parallel). notary-server makes a key only when asked and signs a timestamp only over a snapshot
 * it has not signed over yet, and Mallory alone asks for keys and uploads snapshots (the clients
 * under test only read), so every such request holds {@link #serverKeys}, one at a time.
 *
 * <p>A server that died anyway is replaced, on a new port, for the scenarios that start after it
 * (at most {@link #MAX_REPLACEMENTS} times a run): the scenarios it was serving report it through
 * {@link HostedRepository#fault()} and end in ERROR, whatever their clients did.
 */
final class NotaryServerBackend implements RepositoryBackend {
  static final int MAX_REPLACEMENTS = 2;

  private final Lock serverKeys = new ReentrantLock();
  private final List<String> deaths = new ArrayList<>();
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
    return new NotaryServerHosting(running(runDir), "mallory.test/" + UUID.randomUUID().toString().substring(0, 8) + "/app", serverKeys);
  }

  /** {@code action}'s result, computed while holding {@code lock}. */
  static <T> T holding(Lock lock, Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  /** The shared server, started on first use and replaced once dead; one that cannot start is a harness fault. */
  private synchronized NotaryServer running(Path runDir) {
    if (closed) {
      throw new IllegalStateException("the notary-server backend is closed");
    }
    if (startFailure != null) {
      throw new IllegalStateException("notary-server did not start: " + startFailure.getMessage(), startFailure);
    }
    if (server != null && !server.isAlive()) {
      deaths.add(server + ":\n" + server.process().logTail());
      server.close();
      if (deaths.size() > MAX_REPLACEMENTS) {
        startFailure = new IllegalStateException("notary-server died " + deaths.size() + " times in this run; the last:\n"
            + deaths.get(deaths.size() - 1));
        throw startFailure;
      }
      server = null;
    }
    if (server == null) {
      if (!NotaryServer.isInstalled()) {
        startFailure = new IllegalStateException(NotaryServer.NOT_INSTALLED);
        throw startFailure;
      }
      try {
        // A fresh directory for each start, so a replacement's logs never mix with the dead server's.
        server = NotaryServer.start(runDir.resolve(deaths.isEmpty() ? "notary-server" : "notary-server-" + (deaths.size() + 1)));
      } catch (RuntimeException e) {
        startFailure = e;
        throw new IllegalStateException("notary-server did not start: " + e.getMessage(), e);
      }
    }
    return server;
  }

  /** The running server's pid, once started (for tests and evidence). */
  synchronized java.util.OptionalLong pid() {
    return server == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(server.pid());
  }

  /** How each server that died in this run ended: its name, pid, exit code and log tail. */
  synchronized List<String> deaths() {
    return List.copyOf(deaths);
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (server != null) {
      server.close();
    }
  }
}
