package dev.mallory.cli;

import dev.mallory.client.NotaryLayout;
import dev.mallory.client.NotaryTrustPinning;
import dev.mallory.client.RemoteLayout;
import dev.mallory.client.TufLayout;
import dev.mallory.client.Updater;
import dev.mallory.client.errors.TufClientException;
import dev.mallory.dialect.Dialect;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The reference client behind the TUF conformance client CLI protocol (tuf-attacks.md 3.2):
 * {@code init TRUSTED_ROOT}, {@code refresh}, {@code download}; exit 0 on success, 1 otherwise; a
 * failure prints one stderr line {@code ERROR <ExceptionClass> <reason>: <message>}. Thin: it parses
 * arguments and calls {@link Updater}.
 */
@Command(
    name = "client",
    description = "Reference TUF/Notary client speaking the tuf-conformance CLI protocol.",
    mixinStandardHelpOptions = true)
public final class ClientCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "COMMAND", description = "init | refresh | download")
  String command;

  @Parameters(index = "1", arity = "0..1", paramLabel = "TRUSTED_ROOT", description = "init: the root.json to trust")
  Path trustedRoot;

  @Option(names = "--metadata-dir", description = "trusted metadata, as unversioned ROLE.json (required)")
  Path metadataDir;

  @Option(names = "--serve", paramLabel = "PORT_FILE",
      description = "long-lived mode: serve protocol calls on 127.0.0.1; writes '<port> <token>' to PORT_FILE (0600)."
          + " Use with scenarios/clients/mallory-client and MALLORY_CLIENT_SERVER=PORT_FILE.")
  Path serve;

  /** The caller's working directory (relative paths) and FAKETIME: the server's calls set them. */
  private final Path cwd;
  private final String fakeTime;

  public ClientCommand() {
    this(Path.of("").toAbsolutePath(), System.getenv("FAKETIME"));
  }

  ClientCommand(Path cwd, String fakeTime) {
    this.cwd = cwd;
    this.fakeTime = fakeTime;
  }

  @Option(names = "--metadata-url", description = "TUF: base URL of the metadata")
  URI metadataUrl;

  @Option(names = "--target-name", description = "download: target path (repeatable, processed in order)")
  List<String> targetNames = new ArrayList<>();

  @Option(names = "--target-dir", description = "download: where targets are stored")
  Path targetDir;

  @Option(names = "--target-base-url", description = "download: base URL of the target files")
  URI targetBaseUrl;

  @Option(names = "--reference-time", description = "fixed 'now' (ISO-8601 or @epoch); default: env FAKETIME, else the clock")
  String referenceTime;

  @Option(names = "--dialect", defaultValue = "tuf", description = "tuf | notary")
  String dialect;

  @Option(names = "--server", description = "Notary: server URL")
  URI server;

  @Option(names = "--gun", description = "Notary: the repository's GUN")
  String gun;

  @Option(names = "--pin-cert-id", description = "Notary trust_pinning.certs: accepted root key id (repeatable)")
  List<String> pinnedCertIds = new ArrayList<>();

  @Option(names = "--pin-ca", description = "Notary trust_pinning.ca: CA certificate file (repeatable)")
  List<Path> pinnedCas = new ArrayList<>();

  @Option(names = "--disable-tofu", description = "Notary: refuse trust on first use")
  boolean disableTofu;

  @Override
  public Integer call() throws Exception {
    if (serve != null) {
      ClientServer.serve(cwd.resolve(serve));
      return 0;
    }
    if (command == null || metadataDir == null) {
      // a usage error, as picocli's own required checks were before --serve made them optional
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "COMMAND and --metadata-dir are required (or --serve PORT_FILE)");
    }
    try {
      run();
      return 0;
    } catch (TufClientException e) {
      return fail(e.getClass().getSimpleName(), e.reason().name(), e.getMessage());
    } catch (RuntimeException | java.io.IOException | java.security.GeneralSecurityException e) {
      return fail(e.getClass().getSimpleName(), "CLIENT_ERROR", String.valueOf(e.getMessage()));
    }
  }

  private int fail(String type, String reason, String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("ERROR " + type + " " + reason + ": " + message.replace('\n', ' '));
    err.flush();
    return 1;
  }

  private void run() throws java.io.IOException, java.security.GeneralSecurityException {
    boolean notary = dialect.toLowerCase(Locale.ROOT).equals("notary");
    Dialect wire = notary ? Dialect.NOTARY : Dialect.TUF_1_0;
    switch (command) {
      case "init" -> {
        if (trustedRoot == null) {
          if (!notary) {
            throw new IllegalArgumentException("init needs TRUSTED_ROOT");
          }
          Files.createDirectories(path(metadataDir)); // Notary: trust on first use at the first refresh
          return;
        }
        Updater.initialize(path(metadataDir), Files.readAllBytes(path(trustedRoot)), wire);
      }
      case "refresh" -> updater(notary).refresh();
      case "download" -> {
        if (targetNames.isEmpty() || targetDir == null || targetBaseUrl == null) {
          throw new IllegalArgumentException("download needs --target-name, --target-dir and --target-base-url");
        }
        Files.createDirectories(path(targetDir));
        Updater updater = updater(notary);
        updater.refresh();
        for (String name : targetNames) {
          updater.download(name); // same updater instance, stop at the first failure
        }
      }
      default -> throw new IllegalArgumentException("unknown command " + command + " (init | refresh | download)");
    }
  }

  private Updater updater(boolean notary) throws java.io.IOException, java.security.GeneralSecurityException {
    RemoteLayout layout;
    if (notary) {
      if (server == null || gun == null) {
        throw new IllegalArgumentException("--dialect notary needs --server and --gun");
      }
      layout = new NotaryLayout(server, gun);
    } else {
      if (metadataUrl == null) {
        throw new IllegalArgumentException("--metadata-url is required");
      }
      layout = new TufLayout(metadataUrl);
    }
    Updater.Builder builder = Updater.builder(layout).metadataDir(path(metadataDir)).clock(clock());
    if (targetDir != null) {
      builder.targetDir(path(targetDir));
    }
    if (targetBaseUrl != null) {
      builder.targetBaseUrl(targetBaseUrl);
    }
    if (notary) {
      builder.trustPinning(new NotaryTrustPinning(pinnedCertIds, cas(), !disableTofu));
    }
    return builder.build();
  }

  private List<X509Certificate> cas() throws java.io.IOException, java.security.GeneralSecurityException {
    List<X509Certificate> out = new ArrayList<>();
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    for (Path file : pinnedCas) {
      try (InputStream in = Files.newInputStream(path(file))) {
        out.add((X509Certificate) factory.generateCertificate(in));
      }
    }
    return out;
  }

  private Clock clock() {
    String time = referenceTime != null ? referenceTime : fakeTime;
    return time == null || time.isBlank() ? Clock.systemUTC() : Clock.fixed(parseTime(time.trim()), ZoneOffset.UTC);
  }

  /** A path from the command line, relative to the caller's working directory. */
  private Path path(Path p) {
    return p == null ? null : cwd.resolve(p);
  }

  /**
   * One protocol call in this JVM, as {@code mallory client ARGV} would run it, for the long-lived
   * server: exit code and stderr as a cold call gives them.
   */
  static int execute(List<String> argv, Path cwd, String fakeTime, PrintWriter out, PrintWriter err) {
    List<String> args = new ArrayList<>();
    args.add("client");
    args.addAll(argv);
    if (argv.contains("--serve")) {
      err.println("ERROR IllegalArgumentException CLIENT_ERROR: --serve is not a protocol call");
      return 2;
    }
    picocli.CommandLine.IFactory defaults = picocli.CommandLine.defaultFactory();
    picocli.CommandLine.IFactory factory = new picocli.CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        return type == ClientCommand.class ? type.cast(new ClientCommand(cwd, fakeTime)) : defaults.create(type);
      }
    };
    return Mallory.execute(factory, out, err, args.toArray(String[]::new));
  }

  /** {@code @<epoch seconds>}, an ISO-8601 instant or offset date-time, or a UTC local date-time. */
  static Instant parseTime(String text) {
    if (text.startsWith("@")) {
      String epoch = text.substring(1);
      int dot = epoch.indexOf('.');
      return dot < 0 ? Instant.ofEpochSecond(Long.parseLong(epoch))
          : Instant.ofEpochSecond(Long.parseLong(epoch.substring(0, dot)),
              (long) (Double.parseDouble("0" + epoch.substring(dot)) * 1e9));
    }
    String iso = text.replace(' ', 'T');
    try {
      return OffsetDateTime.parse(iso).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
    }
  }
}
