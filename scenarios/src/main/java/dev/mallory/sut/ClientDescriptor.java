package dev.mallory.sut;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What Mallory knows about a client before running it: its name in reports, the capabilities that
 * decide NOT_APPLICABLE, and which of its exit-1 errors are the harness's fault rather than the
 * client's decision (the conformance protocol has only exit 1 for "failed", so a shim that cannot
 * even start says so on its error line).
 *
 * <p>For {@code cli:/path/to/client} it is read from the sidecar {@code /path/to/client.capabilities},
 * a properties file:
 *
 * <pre>
 * # which features the client supports (Capability names, comma or space separated);
 * # REFERENCE_TIME: it reads --reference-time ISO-8601 (or FAKETIME), so time passes without waiting
 * capabilities = TUF_LAYOUT, DOWNLOAD, DELEGATIONS, REFERENCE_TIME
 * # optional: a regex; an exit-1 error line matching it is a harness fault, not a refusal
 * harness-fault = ^ERROR (UsageError|SetupError):
 * # optional: the name shown in reports (default: the file name)
 * name = my-client
 * </pre>
 *
 * @param harnessFault matched (find) against the error line of an exit-1 run
 */
public record ClientDescriptor(String name, Set<Capability> capabilities, Optional<Pattern> harnessFault) {

  /** What a conformance client supports when nothing says otherwise: the full TUF 1.0 client. */
  public static final Set<Capability> TUF_CLIENT =
      Set.copyOf(EnumSet.of(Capability.TUF_LAYOUT, Capability.DELEGATIONS, Capability.NO_CONSISTENT_SNAPSHOT, Capability.DOWNLOAD));

  public ClientDescriptor {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a client needs a name");
    }
    capabilities = capabilities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(capabilities));
  }

  /** The sidecar of an executable: {@code <executable>.capabilities}. */
  public static Path sidecarOf(Path executable) {
    return executable.resolveSibling(executable.getFileName() + ".capabilities");
  }

  /** The sidecar's descriptor if there is one, else a full TUF client named after the file. */
  public static ClientDescriptor forExecutable(Path executable) {
    Path sidecar = sidecarOf(executable);
    String defaultName = "cli:" + executable.getFileName();
    if (!Files.isRegularFile(sidecar)) {
      return new ClientDescriptor(defaultName, TUF_CLIENT, Optional.empty());
    }
    return load(sidecar, defaultName);
  }

  /** Reads a descriptor file; every problem names the file, since a user wrote it. */
  public static ClientDescriptor load(Path file, String defaultName) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read client descriptor " + file, e);
    }
    for (String key : properties.stringPropertyNames()) {
      if (!Set.of("capabilities", "harness-fault", "name").contains(key)) {
        throw new IllegalArgumentException(file + ": unknown key '" + key + "' (known: capabilities, harness-fault, name)");
      }
    }
    String list = properties.getProperty("capabilities");
    if (list == null) {
      throw new IllegalArgumentException(file + ": 'capabilities' is required (e.g. capabilities = TUF_LAYOUT, DOWNLOAD)");
    }
    Optional<Pattern> fault = Optional.empty();
    String regex = properties.getProperty("harness-fault");
    if (regex != null && !regex.isBlank()) {
      try {
        fault = Optional.of(Pattern.compile(regex.strip()));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(file + ": harness-fault is not a valid regex: " + e.getDescription());
      }
    }
    return new ClientDescriptor(properties.getProperty("name", defaultName).strip(), parseCapabilities(list, file.toString()), fault);
  }

  /** {@code "TUF_LAYOUT, download"} (case-insensitive, comma or space separated); empty means none. */
  public static Set<Capability> parseCapabilities(String list, String where) {
    Set<Capability> result = EnumSet.noneOf(Capability.class);
    for (String word : list.split("[,\\s]+")) {
      if (word.isBlank()) {
        continue;
      }
      String name = word.strip().toUpperCase(Locale.ROOT).replace('-', '_');
      try {
        result.add(Capability.valueOf(name));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": unknown capability '" + word + "' (known: " + EnumSet.allOf(Capability.class) + ")");
      }
    }
    return result;
  }

  /** True when an exit-1 error line is the harness's problem (per this descriptor), not a refusal. */
  public boolean isHarnessFault(String errorLine) {
    return harnessFault.map(p -> p.matcher(errorLine).find()).orElse(false);
  }
}
