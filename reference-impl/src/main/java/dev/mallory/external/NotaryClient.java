package dev.mallory.external;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Drives the real Debian {@code notary} CLI (0.7.0) against one server with one trust directory.
 *
 * <p>Every call is {@code notary -c CONFIG -s URL -d TRUSTDIR [--tlscacert F] ARGS...} run through
 * {@link CommandRunner} (timeout, bounded output). The passphrase variables are always set to the
 * fixed test values below, so the client never prompts; stdin is closed unless a command needs it.
 *
 * <p>A config file is always written ({@code TRUSTDIR/config.json}) and passed with {@code -c}:
 * otherwise the client would read {@code ~/.notary/config.json} of whoever runs the tests. It
 * carries the trust pinning when one is given.
 *
 * <p>Proxy variables inherited from the environment are removed; set them with
 * {@link Builder#httpProxy} / {@link Builder#httpsProxy}. Go ignores them for 127.0.0.1 and
 * localhost, so a forward-proxy MITM needs a made-up host name in the server URL.
 *
 * <p>Reading results: failures print {@code * fatal: ...} on stdout and exit 1; network and TLS
 * reasons are only in stderr (logrus lines).
 */
public final class NotaryClient {

    public static final Path BINARY = Path.of("/usr/bin/notary");

    /** Reason to give when skipping a test because the binary is missing. */
    public static final String NOT_INSTALLED =
            "notary client is not installed (" + BINARY + "); run scripts/install-deps.sh as root";

    // Test-only passphrases; the keys they protect live in throw-away trust directories.
    public static final String ROOT_PASSPHRASE = "mallory-root-passphrase";
    public static final String TARGETS_PASSPHRASE = "mallory-targets-passphrase";
    public static final String SNAPSHOT_PASSPHRASE = "mallory-snapshot-passphrase";
    public static final String DELEGATION_PASSPHRASE = "mallory-delegation-passphrase";

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final List<String> PROXY_VARIABLES = List.of(
            "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "no_proxy", "all_proxy");

    private final URI server;
    private final Path trustDir;
    private final Path tlsCaCert;
    private final URI httpProxy;
    private final URI httpsProxy;
    private final TrustPinning trustPinning;
    private final Duration timeout;
    private final Path configFile;

    private NotaryClient(Builder builder) {
        this.server = builder.server;
        this.trustDir = builder.trustDir.toAbsolutePath();
        this.tlsCaCert = builder.tlsCaCert;
        this.httpProxy = builder.httpProxy;
        this.httpsProxy = builder.httpsProxy;
        this.trustPinning = builder.trustPinning;
        this.timeout = builder.timeout;
        this.configFile = writeConfig();
    }

    public static boolean isInstalled() {
        return Files.isExecutable(BINARY);
    }

    /** A client of {@code server} keeping its keys and trusted metadata in {@code trustDir}. */
    public static NotaryClient create(URI server, Path trustDir) {
        return builder(server, trustDir).build();
    }

    public static Builder builder(URI server, Path trustDir) {
        return new Builder(server, trustDir);
    }

    public URI server() {
        return server;
    }

    public Path trustDir() {
        return trustDir;
    }

    public Path configFile() {
        return configFile;
    }

    /** {@code init GUN}: makes root, targets and snapshot keys locally; fetches the server's timestamp key. */
    public CommandResult init(String gun) {
        return run("init", gun);
    }

    /** {@code add GUN TARGET FILE}: stages a target for the top-level targets role (offline). */
    public CommandResult add(String gun, String target, Path file) {
        return run("add", gun, target, file.toAbsolutePath().toString());
    }

    /** {@code add GUN TARGET FILE --roles ROLE}: stages a target for a delegated role (offline). */
    public CommandResult addToDelegation(String gun, String role, String target, Path file) {
        return run("add", gun, target, file.toAbsolutePath().toString(), "--roles", role);
    }

    /** {@code publish GUN}: signs and uploads staged changes (initialising the GUN if it never was). */
    public CommandResult publish(String gun) {
        return run("publish", gun);
    }

    /** {@code list GUN}: updates trusted metadata from the server, then prints the target table. */
    public CommandResult list(String gun) {
        return run("list", gun);
    }

    /** {@code lookup GUN TARGET}: prints {@code NAME sha256:HEX SIZE}. */
    public CommandResult lookup(String gun, String target) {
        return run("lookup", gun, target);
    }

    /** {@code verify GUN TARGET < content}: exit 0 and the content echoed when it matches the signed hash. */
    public CommandResult verify(String gun, String target, byte[] content) {
        return run(content, "verify", gun, target);
    }

    /**
     * {@code key rotate GUN ROLE [-r]}. {@code remote} asks the server to make and hold the new key
     * (only for snapshot and timestamp). Root rotation asks for confirmation: "yes" is piped in.
     */
    public CommandResult keyRotate(String gun, String role, boolean remote) {
        List<String> args = new ArrayList<>(List.of("key", "rotate", gun, role));
        if (remote) {
            args.add("-r");
        }
        byte[] stdin = "root".equals(role) ? "yes\n".getBytes(StandardCharsets.US_ASCII) : null;
        return run(stdin, args.toArray(String[]::new));
    }

    /** {@code key import FILE --role ROLE}: stores a private key (re-encrypted with the role's passphrase). */
    public CommandResult keyImport(Path keyFile, String role) {
        return run("key", "import", keyFile.toAbsolutePath().toString(), "--role", role);
    }

    /**
     * {@code delegation add GUN ROLE CERT (--all-paths | --paths=P...)}: stages a delegation to the
     * key in {@code certFile} (an X.509 certificate or a bare public key PEM). No paths: all paths.
     */
    public CommandResult delegationAdd(String gun, String role, Path certFile, String... paths) {
        List<String> args = new ArrayList<>(List.of("delegation", "add", gun, role, certFile.toAbsolutePath().toString()));
        if (paths.length == 0) {
            args.add("--all-paths");
        } else {
            for (String path : paths) {
                args.add("--paths=" + path);
            }
        }
        return run(args.toArray(String[]::new));
    }

    /** Any other notary command, e.g. {@code run("delete", gun, "--remote")}. */
    public CommandResult run(String... args) {
        return run(null, args);
    }

    /** Any notary command with bytes on its stdin. */
    public CommandResult run(byte[] stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(),
                "-c", configFile.toString(), "-s", server.toString(), "-d", trustDir.toString()));
        if (tlsCaCert != null) {
            command.add("--tlscacert");
            command.add(tlsCaCert.toAbsolutePath().toString());
        }
        command.addAll(Arrays.asList(args));
        return CommandRunner.run(command, trustDir, environment(), stdin, timeout);
    }

    @Override
    public String toString() {
        return "NotaryClient[" + server + ", " + trustDir + "]";
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        PROXY_VARIABLES.forEach(name -> env.put(name, null)); // null = remove the inherited value
        env.put("NOTARY_ROOT_PASSPHRASE", ROOT_PASSPHRASE);
        env.put("NOTARY_TARGETS_PASSPHRASE", TARGETS_PASSPHRASE);
        env.put("NOTARY_SNAPSHOT_PASSPHRASE", SNAPSHOT_PASSPHRASE);
        env.put("NOTARY_DELEGATION_PASSPHRASE", DELEGATION_PASSPHRASE);
        if (httpProxy != null) {
            env.put("HTTP_PROXY", httpProxy.toString());
        }
        if (httpsProxy != null) {
            env.put("HTTPS_PROXY", httpsProxy.toString());
        }
        return env;
    }

    private Path writeConfig() {
        Map<String, Object> remote = new LinkedHashMap<>();
        remote.put("url", server.toString());
        if (tlsCaCert != null) {
            remote.put("root_ca", tlsCaCert.toAbsolutePath().toString());
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("trust_dir", trustDir.toString());
        config.put("remote_server", remote);
        if (trustPinning != null) {
            config.put("trust_pinning", trustPinning.toConfig());
        }
        try {
            Files.createDirectories(trustDir);
            Path file = trustDir.resolve("config.json");
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), config);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write notary client config in " + trustDir, e);
        }
    }

    /** Options for a {@link NotaryClient}; only server and trust directory are required. */
    public static final class Builder {
        private final URI server;
        private final Path trustDir;
        private Path tlsCaCert;
        private URI httpProxy;
        private URI httpsProxy;
        private TrustPinning trustPinning;
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder(URI server, Path trustDir) {
            this.server = server;
            this.trustDir = trustDir;
        }

        /** CA certificate (PEM) that the server's TLS certificate must chain to. */
        public Builder tlsCaCert(Path caCert) {
            this.tlsCaCert = caCert;
            return this;
        }

        /** {@code HTTP_PROXY} for the client (ignored by Go for loopback server URLs). */
        public Builder httpProxy(URI proxy) {
            this.httpProxy = proxy;
            return this;
        }

        /** {@code HTTPS_PROXY} for the client (ignored by Go for loopback server URLs). */
        public Builder httpsProxy(URI proxy) {
            this.httpsProxy = proxy;
            return this;
        }

        public Builder trustPinning(TrustPinning pinning) {
            this.trustPinning = pinning;
            return this;
        }

        /** Timeout for each command (default {@link NotaryClient#DEFAULT_TIMEOUT}). */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public NotaryClient build() {
            return new NotaryClient(this);
        }
    }
}
