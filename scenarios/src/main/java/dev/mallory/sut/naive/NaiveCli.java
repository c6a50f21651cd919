package dev.mallory.sut.naive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The naive clients behind the TUF conformance client CLI, so they are attacked exactly like any
 * external client (through {@link dev.mallory.sut.CliClient}):
 *
 * <pre>
 * java -cp CP dev.mallory.sut.naive.NaiveCli --kind signature-only --metadata-dir DIR init ROOT
 * java -cp CP dev.mallory.sut.naive.NaiveCli --kind tofu --metadata-url URL --metadata-dir DIR refresh
 * java -cp CP dev.mallory.sut.naive.NaiveCli --kind unchecked-payload --metadata-url URL --metadata-dir DIR \
 *      --target-name P [--target-name P2 ...] --target-dir TDIR --target-base-url TURL download
 * </pre>
 *
 * <p>Options in any order, {@code --opt value} or {@code --opt=value}. Exit 0 on success, 1 when the
 * client refuses (one stderr line {@code ERROR naive.<kind>: <message>}, in the specification's
 * words), 2 for a usage error or local I/O failure (the harness's problem, not a decision).
 * {@code --reference-time ISO-8601} or {@code FAKETIME=@<epoch seconds>|<ISO-8601>} fixes the clock.
 */
public final class NaiveCli {
  private static final Set<String> REPEATABLE = Set.of("target-name");
  private static final Set<String> KNOWN =
      Set.of("kind", "metadata-dir", "metadata-url", "target-name", "target-dir", "target-base-url", "reference-time");

  private NaiveCli() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    String kindName = "?";
    try {
      Map<String, List<String>> options = new HashMap<>();
      List<String> positional = new ArrayList<>();
      parse(args, options, positional);
      kindName = one(options, "kind");
      NaiveUpdater updater = NaiveKind.of(kindName).newUpdater();
      if (positional.isEmpty()) {
        throw new IllegalArgumentException("missing command (init, refresh, download)");
      }
      String command = positional.get(0);
      Path metadataDir = Path.of(one(options, "metadata-dir"));
      switch (command) {
        case "init" -> {
          if (positional.size() != 2) {
            throw new IllegalArgumentException("init takes exactly one TRUSTED_ROOT");
          }
          updater.init(metadataDir, Files.readAllBytes(Path.of(positional.get(1))));
        }
        case "refresh" -> {
          noExtra(positional);
          updater.refresh(new Session(URI.create(one(options, "metadata-url")), metadataDir, null, null, referenceTime(options)));
        }
        case "download" -> {
          noExtra(positional);
          List<String> names = options.getOrDefault("target-name", List.of());
          if (names.isEmpty()) {
            throw new IllegalArgumentException("download needs at least one --target-name");
          }
          Path targetDir = Path.of(one(options, "target-dir"));
          Files.createDirectories(targetDir);
          Session session = new Session(URI.create(one(options, "metadata-url")), metadataDir,
              URI.create(one(options, "target-base-url")), targetDir, referenceTime(options));
          updater.download(session, names);
        }
        default -> throw new IllegalArgumentException("unknown command '" + command + "'");
      }
      return 0;
    } catch (Refusal e) {
      System.err.println("ERROR naive." + kindName + ": " + oneLine(e.getMessage()));
      return 1;
    } catch (IllegalArgumentException e) {
      System.err.println("ERROR usage: " + oneLine(e.getMessage()));
      return 2;
    } catch (IOException | UncheckedIOException e) {
      System.err.println("ERROR local-io: " + oneLine(String.valueOf(e.getMessage())));
      return 2;
    }
  }

  private static void parse(String[] args, Map<String, List<String>> options, List<String> positional) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        positional.add(arg);
        continue;
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
      if (!KNOWN.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name);
      }
      List<String> values = options.computeIfAbsent(name, k -> new ArrayList<>());
      if (!values.isEmpty() && !REPEATABLE.contains(name)) {
        throw new IllegalArgumentException("--" + name + " given more than once");
      }
      values.add(value);
    }
  }

  private static String one(Map<String, List<String>> options, String name) {
    List<String> values = options.get(name);
    if (values == null || values.isEmpty() || values.get(0).isBlank()) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return values.get(0);
  }

  private static void noExtra(List<String> positional) {
    if (positional.size() != 1) {
      throw new IllegalArgumentException(positional.get(0) + " takes no arguments");
    }
  }

  /** 5.1: one fixed time per run. */
  static Instant referenceTime(Map<String, List<String>> options) {
    List<String> given = options.get("reference-time");
    String text = given != null ? given.get(0) : System.getenv("FAKETIME");
    if (text == null || text.isBlank()) {
      return Instant.now();
    }
    try {
      if (text.startsWith("@") && text.substring(1).matches("\\d+")) {
        return Instant.ofEpochSecond(Long.parseLong(text.substring(1)));
      }
      return OffsetDateTime.parse(text.startsWith("@") ? text.substring(1) : text).toInstant();
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException("cannot read reference time '" + text + "' (use @<epoch seconds> or ISO-8601 with offset)");
    }
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\R", " ");
  }
}
