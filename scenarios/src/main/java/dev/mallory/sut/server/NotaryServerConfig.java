package dev.mallory.sut.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The config Mallory writes for a server it starts: a template whose {@code {port}} becomes the
 * free 127.0.0.1 port picked for this start.
 */
public final class NotaryServerConfig {
  private NotaryServerConfig() {}

  /**
   * notary-server 0.7.0: plain HTTP on loopback, memory storage (every start is empty), the
   * in-process signer (ED25519 timestamp and snapshot keys). See shared/research/notary.md.
   */
  public static final String TEMPLATE = """
      {
        "server":        { "http_addr": "127.0.0.1:{port}" },
        "trust_service": { "type": "local" },
        "storage":       { "backend": "memory" },
        "logging":       { "level": "info" }
      }
      """;

  /** The template's text: the file, or {@link #TEMPLATE}. */
  static String template(Optional<Path> file) {
    if (file.isEmpty()) {
      return TEMPLATE;
    }
    try {
      return Files.readString(file.get(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read server config template " + file.get(), e);
    }
  }

  /** The template with {@code {port}} replaced. */
  static String render(String template, int port) {
    if (!template.contains("{port}")) {
      throw new IllegalArgumentException("the server config template has no {port} placeholder, so Mallory cannot give it a free port");
    }
    return template.replace("{port}", Integer.toString(port));
  }

  /** What the config's storage keeps across a restart, in words for the evidence. */
  static String describeStorage(String template) {
    String compact = template.replaceAll("\\s+", "");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"backend\":\"([^\"]+)\"").matcher(compact);
    if (!m.find()) {
      return "storage not named in the config";
    }
    String backend = m.group(1);
    return backend.equals("memory")
        ? "storage backend 'memory': everything is lost when the process stops"
        : "storage backend '" + backend + "'";
  }
}
