package dev.mallory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallory.client.TestHttpServer;
import dev.mallory.client.TestRepository;
import dev.mallory.dialect.Dialect;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The conformance client protocol end to end on 127.0.0.1. */
class ClientCommandTest {
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  @TempDir Path tmp;
  TestRepository repo;
  TestHttpServer server;
  String err;

  @BeforeEach
  void start() throws Exception {
    repo = new TestRepository(Dialect.TUF_1_0, NOW);
    server = new TestHttpServer(repo.files);
    Files.write(tmp.resolve("root.json"), repo.rootBytes(1));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  int run(String... args) {
    StringWriter sw = new StringWriter();
    CommandLine cli = new CommandLine(new Mallory());
    cli.setErr(new PrintWriter(sw));
    int code = cli.execute(args);
    err = sw.toString();
    return code;
  }

  String dir() {
    return tmp.resolve("meta").toString();
  }

  @Test
  void initRefreshDownload_succeedWithExitZero() throws Exception {
    repo.addTarget("targets", "a/b.txt", "hello".getBytes(StandardCharsets.UTF_8));
    repo.publish();

    assertThat(run("client", "--metadata-dir", dir(), "init", tmp.resolve("root.json").toString())).isZero();
    assertThat(server.requests).isEmpty();
    assertThat(run("client", "--metadata-url", server.url("/metadata").toString(), "--metadata-dir", dir(), "refresh"))
        .isZero();
    assertThat(run("client", "--metadata-url", server.url("/metadata").toString(), "--metadata-dir", dir(),
        "--target-name", "a/b.txt", "--target-dir", tmp.resolve("t").toString(),
        "--target-base-url", server.url("/targets/").toString(), "download")).isZero();

    assertThat(Files.readString(tmp.resolve("t").resolve("a%2Fb.txt"))).isEqualTo("hello");
    assertThat(tmp.resolve("meta").toFile().list())
        .containsExactlyInAnyOrder("root.json", "timestamp.json", "snapshot.json", "targets.json");
  }

  @Test
  void rollback_exitsOneWithOneTypedErrorLine() {
    repo.timestampVersion = 2;
    repo.publish();
    run("client", "--metadata-dir", dir(), "init", tmp.resolve("root.json").toString());
    run("client", "--metadata-url", server.url("/metadata/").toString(), "--metadata-dir", dir(), "refresh");
    repo.timestampVersion = 1;
    repo.publish();

    int code = run("client", "--metadata-url", server.url("/metadata/").toString(), "--metadata-dir", dir(), "refresh");

    assertThat(code).isEqualTo(1);
    assertThat(err).startsWith("ERROR RollbackException ROLLBACK: ");
    assertThat(err.strip().lines()).hasSize(1);
  }

  @Test
  void referenceTime_expiresMetadata() {
    run("client", "--metadata-dir", dir(), "init", tmp.resolve("root.json").toString());

    int code = run("client", "--metadata-url", server.url("/metadata/").toString(), "--metadata-dir", dir(),
        "--reference-time", NOW.plus(8, ChronoUnit.DAYS).toString(), "refresh");

    assertThat(code).isEqualTo(1);
    assertThat(err).startsWith("ERROR ExpiredMetadataException EXPIRED: root");
  }

  @Test
  void missingTarget_exitsOneAfterRefreshingTopLevel() {
    run("client", "--metadata-dir", dir(), "init", tmp.resolve("root.json").toString());

    int code = run("client", "--metadata-url", server.url("/metadata/").toString(), "--metadata-dir", dir(),
        "--target-name", "nope", "--target-dir", tmp.resolve("t").toString(),
        "--target-base-url", server.url("/targets/").toString(), "download");

    assertThat(code).isEqualTo(1);
    assertThat(err).startsWith("ERROR TargetNotFoundException TARGET_NOT_FOUND");
    assertThat(tmp.resolve("meta").resolve("targets.json")).exists();
  }

  @Test
  void timeFormats_epochIsoAndLocal() {
    assertThat(ClientCommand.parseTime("@1700000000")).isEqualTo(Instant.ofEpochSecond(1_700_000_000));
    assertThat(ClientCommand.parseTime("2026-01-02T03:04:05Z")).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
    assertThat(ClientCommand.parseTime("2026-01-02 03:04:05")).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
  }

  @Test
  void notaryDialect_trustOnFirstUseThenRefresh() throws Exception {
    TestRepository notary = new TestRepository(Dialect.NOTARY, NOW);
    try (TestHttpServer s = new TestHttpServer(notary.files)) {
      assertThat(run("client", "--metadata-dir", dir(), "--dialect", "notary", "init")).isZero();
      int code = run("client", "--metadata-dir", dir(), "--dialect", "notary", "--server", s.url("/").toString(),
          "--gun", TestRepository.GUN, "refresh");
      assertThat(code).as(err).isZero();
    }
  }
}
