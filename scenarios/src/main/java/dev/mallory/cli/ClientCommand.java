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

  @Parameters(index = "0", paramLabel = "COMMAND", description = "init | refresh | download")
  String command;

  @Parameters(index = "1", arity = "0..1", paramLabel = "TRUSTED_ROOT", description = "init: the root.json to trust")
  Path trustedRoot;

  @Option(names = "--metadata-dir", required = true, description = "trusted metadata, as unversioned ROLE.json")
  Path metadataDir;

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
  public Integer call() {
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
          Files.createDirectories(metadataDir); // Notary: trust on first use at the first refresh
          return;
        }
        Updater.initialize(metadataDir, Files.readAllBytes(trustedRoot), wire);
      }
      case "refresh" -> updater(notary).refresh();
      case "download" -> {
        if (targetNames.isEmpty() || targetDir == null || targetBaseUrl == null) {
          throw new IllegalArgumentException("download needs --target-name, --target-dir and --target-base-url");
        }
        Files.createDirectories(targetDir);
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
    Updater.Builder builder = Updater.builder(layout).metadataDir(metadataDir).clock(clock());
    if (targetDir != null) {
      builder.targetDir(targetDir);
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
      try (InputStream in = Files.newInputStream(file)) {
        out.add((X509Certificate) factory.generateCertificate(in));
      }
    }
    return out;
  }

  private Clock clock() {
    String time = referenceTime != null ? referenceTime : System.getenv("FAKETIME");
    return time == null || time.isBlank() ? Clock.systemUTC() : Clock.fixed(parseTime(time.trim()), ZoneOffset.UTC);
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
