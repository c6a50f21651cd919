package dev.mallory.shim.sigstore;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The TUF conformance client CLI (tuf-conformance CLIENT-CLI.md), parsed:
 *
 * <pre>
 * --metadata-dir DIR init TRUSTED_ROOT
 * --metadata-url URL --metadata-dir DIR refresh
 * --metadata-url URL --metadata-dir DIR --target-name P [--target-name P2 ...]
 *     --target-dir TDIR --target-base-url TURL download
 * </pre>
 *
 * Options may come in any order and also as {@code --opt=value}; {@code --reference-time ISO}
 * is our own addition. Every value option except {@code --target-name} may appear once: a
 * repeated {@code --metadata-url} is a harness bug, and silently taking the last one would test
 * the wrong server. URLs are returned with a trailing slash, so {@code U + "2.root.json"} works
 * whether or not the caller wrote one.
 */
record CliArgs(
    Command command,
    String metadataDir,
    String metadataUrl,
    List<String> targetNames,
    String targetDir,
    String targetBaseUrl,
    String trustedRoot,
    String referenceTime) {

  enum Command { INIT, REFRESH, DOWNLOAD }

  private static final Set<String> SINGLE = Set.of(
      "--metadata-dir", "--metadata-url", "--target-dir", "--target-base-url", "--reference-time");
  private static final String USAGE = "usage: --metadata-dir DIR init TRUSTED_ROOT"
      + " | --metadata-url URL --metadata-dir DIR refresh"
      + " | --metadata-url URL --metadata-dir DIR --target-name P [--target-name P ...]"
      + " --target-dir TDIR --target-base-url TURL download  [--reference-time ISO-8601]";

  static CliArgs parse(List<String> argv) throws UsageException {
    Map<String, String> single = new HashMap<>();
    List<String> targetNames = new ArrayList<>();
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < argv.size(); i++) {
      String arg = argv.get(i);
      if (!arg.startsWith("--")) {
        positional.add(arg);
        continue;
      }
      String name = arg;
      String value;
      int eq = arg.indexOf('=');
      if (eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      } else if (i + 1 < argv.size()) {
        value = argv.get(++i);
      } else {
        throw new UsageException("option " + arg + " needs a value; " + USAGE);
      }
      if (name.equals("--target-name")) {
        targetNames.add(value);
      } else if (!SINGLE.contains(name)) {
        throw new UsageException("unknown option " + name + "; " + USAGE);
      } else if (single.putIfAbsent(name, value) != null) {
        throw new UsageException("option " + name + " given twice");
      }
    }
    if (positional.isEmpty()) {
      throw new UsageException("no command; " + USAGE);
    }
    Command command = switch (positional.get(0)) {
      case "init" -> Command.INIT;
      case "refresh" -> Command.REFRESH;
      case "download" -> Command.DOWNLOAD;
      default -> throw new UsageException("unknown command " + positional.get(0) + "; " + USAGE);
    };
    int wantPositional = command == Command.INIT ? 2 : 1;
    if (positional.size() != wantPositional) {
      throw new UsageException("wrong number of arguments for " + positional.get(0) + "; " + USAGE);
    }
    require(single, "--metadata-dir");
    if (command != Command.INIT) {
      require(single, "--metadata-url");
    }
    if (command == Command.DOWNLOAD) {
      require(single, "--target-dir");
      require(single, "--target-base-url");
      if (targetNames.isEmpty()) {
        throw new UsageException("download needs at least one --target-name");
      }
    }
    return new CliArgs(
        command,
        single.get("--metadata-dir"),
        directoryUrl(single.get("--metadata-url")),
        List.copyOf(targetNames),
        single.get("--target-dir"),
        directoryUrl(single.get("--target-base-url")),
        command == Command.INIT ? positional.get(1) : null,
        single.get("--reference-time"));
  }

  private static void require(Map<String, String> options, String name) throws UsageException {
    if (options.get(name) == null || options.get(name).isEmpty()) {
      throw new UsageException("missing " + name + "; " + USAGE);
    }
  }

  /** Checks the URL is absolute http(s) and gives it the trailing slash the fetchers expect. */
  private static String directoryUrl(String url) throws UsageException {
    if (url == null) {
      return null;
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new UsageException("not a URL: " + url);
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null) {
      throw new UsageException("not an absolute http(s) URL: " + url);
    }
    return url.endsWith("/") ? url : url + "/";
  }
}
