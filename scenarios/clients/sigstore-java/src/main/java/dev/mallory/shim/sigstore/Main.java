package dev.mallory.shim.sigstore;

import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entry point. Two modes:
 *
 * <ul>
 *   <li>one invocation of the TUF conformance client CLI (see {@link CliArgs}), exit 0/1/2;
 *   <li>{@code --serve PORT_FILE}: a long-lived server that runs such invocations in-process for
 *       the launcher script, saving the JVM start-up per call (see {@link ShimServer}).
 * </ul>
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    quietLogging();
    if (args.length == 2 && args[0].equals("--serve")) {
      ShimServer.serve(Path.of(args[1]));
      return;
    }
    int code = ConformanceClient.run(
        List.of(args), System.getenv("FAKETIME"), Path.of("").toAbsolutePath(), System.err);
    System.err.flush();
    System.exit(code);
  }

  /**
   * sigstore-java and Apache HttpClient log through java.util.logging to stderr (retries, ignored
   * signatures). The protocol promises one ERROR line on stderr, so logging is off unless
   * MALLORY_SIGSTORE_LOG names a level (e.g. FINE) for debugging.
   */
  static void quietLogging() {
    String level = System.getenv("MALLORY_SIGSTORE_LOG");
    Level chosen = Level.OFF;
    if (level != null && !level.isBlank()) {
      try {
        chosen = Level.parse(level.trim().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        chosen = Level.ALL;
      }
    }
    Logger root = Logger.getLogger("");
    root.setLevel(chosen);
    for (var handler : root.getHandlers()) {
      handler.setLevel(chosen);
    }
  }
}
