package dev.mallory.sut.server;

import dev.mallory.external.LoopbackHttp;
import java.net.URI;

/**
 * A server someone else runs, given by its URL ({@code url:http://127.0.0.1:4443}). Mallory only
 * talks to it: it neither starts, restarts, kills nor stops it. Loopback only: Mallory sends no
 * traffic off this machine.
 */
public final class UrlServer implements ServerUnderTest {
  private final URI url;

  public UrlServer(URI url) {
    String host = url.getHost();
    if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https")) || host == null) {
      throw new IllegalArgumentException("server URL must be http(s)://HOST:PORT, got '" + url + "'");
    }
    if (!(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"))) {
      throw new IllegalArgumentException("server URL must be on loopback (127.0.0.1, localhost), got '" + url + "'");
    }
    String text = url.toString();
    this.url = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
  }

  @Override
  public String name() {
    return "url:" + url;
  }

  @Override
  public String description() {
    return "Notary server at " + url + " (run by the user; Mallory does not start or stop it)";
  }

  /** Checks the server answers: the health path, or else the {@code /v2/} ping every notary client sends. */
  @Override
  public void start() {
    if (!isHealthy()) {
      throw new ServerStartException("no Notary server answers at " + url + " (neither " + HEALTH_PATH + " nor /v2/ gave 200)");
    }
  }

  @Override
  public URI url() {
    return url;
  }

  @Override
  public boolean isHealthy() {
    return Health.ok(url) || LoopbackHttp.status(URI.create(url + "/v2/")) == 200;
  }

  @Override
  public boolean restartable() {
    return false;
  }

  @Override
  public boolean killable() {
    return false;
  }

  @Override
  public void restart() {
    throw new UnsupportedOperationException(name() + " is run by the user; Mallory cannot restart it");
  }

  @Override
  public void kill() {
    throw new UnsupportedOperationException(name() + " is run by the user; Mallory cannot kill it");
  }

  @Override
  public void stop() {
    // Not ours.
  }
}
