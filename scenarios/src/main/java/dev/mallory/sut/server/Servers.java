package dev.mallory.sut.server;

import java.net.URI;
import java.time.Clock;

/**
 * Turns a server spec (the {@code --server} of {@code mallory run}) into a {@link ServerUnderTest}:
 *
 * <ul>
 *   <li>{@code reference} — the in-process reference server ({@link ReferenceServerUnderTest});
 *       {@code reference:auth} with push authorisation on (generated tokens Mallory's publishers use).
 *   <li>{@code url:http://127.0.0.1:4443} — a server the user runs ({@link UrlServer}); loopback only.
 *   <li>{@code cmd:notary-server -config {config}} — a process Mallory starts and stops by pid
 *       ({@link CommandServer}); {@code {config}} is the config written from the template with a
 *       free port in {@code {port}}; {@code {port}} and {@code {workdir}} also work in the command.
 *   <li>{@code image:mallory/notary-server:local} — a container Mallory starts and removes
 *       ({@link ImageServer}); host networking, the config copied into the container.
 * </ul>
 *
 * Nothing is started here: call {@link ServerUnderTest#start()}.
 */
public final class Servers {
  private Servers() {}

  /** @throws IllegalArgumentException for an unknown or incomplete spec, listing the valid forms */
  public static ServerUnderTest fromSpec(String spec, ServersOptions options) {
    String s = spec.strip();
    if (s.equals("reference")) {
      return new ReferenceServerUnderTest(Clock.systemUTC());
    }
    if (s.equals("reference:auth")) {
      return ReferenceServerUnderTest.withPushAuth(Clock.systemUTC());
    }
    if (s.startsWith("url:")) {
      String url = s.substring("url:".length()).strip();
      if (url.isEmpty()) {
        throw new IllegalArgumentException("server 'url:' needs a URL: url:http://127.0.0.1:4443");
      }
      return new UrlServer(URI.create(url));
    }
    if (s.startsWith("cmd:")) {
      String line = s.substring("cmd:".length()).strip();
      if (line.isEmpty()) {
        throw new IllegalArgumentException("server 'cmd:' needs a command line: cmd:notary-server -config {config}");
      }
      return new CommandServer(CommandServer.split(line), NotaryServerConfig.template(options.configTemplate()),
          options.workDir().resolve("server-cmd"), options.startTimeout());
    }
    if (s.startsWith("image:")) {
      String image = s.substring("image:".length()).strip();
      if (image.isEmpty()) {
        throw new IllegalArgumentException("server 'image:' needs an image: image:mallory/notary-server:local");
      }
      return new ImageServer(image, NotaryServerConfig.template(options.configTemplate()), options.containerConfigPath(),
          options.startTimeout());
    }
    throw new IllegalArgumentException("unknown server '" + spec + "'; known: reference, reference:auth, url:http://127.0.0.1:PORT, "
        + "cmd:'notary-server -config {config}', image:mallory/notary-server:local");
  }
}
