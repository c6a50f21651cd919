package dev.mallory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallory.client.TestHttpServer;
import dev.mallory.client.TestRepository;
import dev.mallory.dialect.Dialect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mallory client --serve} behind {@code clients/mallory-client}: the same 50 protocol calls
 * (ten clients × init, refresh, download, download of a missing target, refresh with an expired
 * reference time) give the same exit codes, error lines and files through the warm server as
 * through a cold JVM per call. Prints the per-call time of both; asserts no timing.
 */
class ClientServerTest {
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  static final Path LAUNCHER = Path.of("clients/mallory-client").toAbsolutePath();

  @TempDir Path tmp;

  record Outcome(int code, String err) {}

  @Test
  void fiftyCallsThroughTheServer_matchColdCalls() throws Exception {
    TestRepository repo = new TestRepository(Dialect.TUF_1_0, NOW);
    repo.addTarget("targets", "a/b.txt", "hello".getBytes(StandardCharsets.UTF_8));
    repo.publish();
    try (TestHttpServer http = new TestHttpServer(repo.files)) {
      Path portFile = tmp.resolve("server/port");
      Process server = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
          Mallory.class.getName(), "client", "--serve", portFile.toString())
          .redirectErrorStream(true).redirectOutput(tmp.resolve("server.log").toFile()).start();
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(portFile) && System.nanoTime() < deadline && server.isAlive()) {
          Thread.sleep(50);
        }
        assertThat(portFile).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(portFile))).isEqualTo("rw-------");
        assertThat(Files.readString(portFile).trim()).matches("[0-9]+ [0-9a-f]{32}");

        Path warm = Files.createDirectories(tmp.resolve("warm"));
        Path cold = Files.createDirectories(tmp.resolve("cold"));
        Files.write(warm.resolve("root.json"), repo.rootBytes(1));
        Files.write(cold.resolve("root.json"), repo.rootBytes(1));
        List<List<String>> calls = calls(http);
        assertThat(calls).hasSize(50);

        long w0 = System.nanoTime();
        List<Outcome> warmOutcomes = new ArrayList<>();
        for (List<String> call : calls) {
          warmOutcomes.add(launch(call, warm, Map.of("MALLORY_CLIENT_SERVER", portFile.toString())));
        }
        double warmMs = (System.nanoTime() - w0) / 1e6 / calls.size();
        long c0 = System.nanoTime();
        List<Outcome> coldOutcomes = new ArrayList<>();
        for (List<String> call : calls) {
          coldOutcomes.add(launch(call, cold, Map.of("MALLORY_CLIENT_CLASSPATH", System.getProperty("java.class.path"))));
        }
        double coldMs = (System.nanoTime() - c0) / 1e6 / calls.size();
        System.out.printf("CLIENT-SERVER per call over %d calls: cold JVM %.0f ms, warm server %.0f ms (%.1fx)%n",
            calls.size(), coldMs, warmMs, coldMs / warmMs);

        for (int i = 0; i < calls.size(); i++) {
          Outcome w = warmOutcomes.get(i);
          Outcome c = coldOutcomes.get(i);
          assertThat(w.code()).as("exit code of call %d %s (stderr %s / %s)", i, calls.get(i), w.err(), c.err())
              .isEqualTo(c.code());
          assertThat(w.err()).as("stderr of call %d", i).isEqualTo(c.err());
        }
        assertThat(warmOutcomes.stream().filter(o -> o.code() == 0).count()).isEqualTo(30);
        assertThat(warmOutcomes.stream().filter(o -> o.code() == 1).count()).isEqualTo(20);
        assertThat(tree(warm)).isEqualTo(tree(cold));
        assertThat(tree(warm)).containsKey("c3/targets/a%2Fb.txt");
      } finally {
        server.destroy(); // by its own handle: SIGTERM, so the shutdown hook removes the port file
        if (!server.waitFor(20, TimeUnit.SECONDS)) {
          server.destroyForcibly().waitFor();
        }
      }
      assertThat(portFile).doesNotExist();
    }
  }

  /** Ten clients, five calls each, with paths relative to the caller's working directory. */
  private static List<List<String>> calls(TestHttpServer http) {
    String meta = http.url("/metadata/").toString();
    String targets = http.url("/targets/").toString();
    List<List<String>> calls = new ArrayList<>();
    for (int c = 0; c < 10; c++) {
      String md = "c" + c + "/metadata";
      String td = "c" + c + "/targets";
      calls.add(List.of("--metadata-dir", md, "init", "root.json"));
      calls.add(List.of("--metadata-url", meta, "--metadata-dir", md, "refresh"));
      calls.add(List.of("--metadata-url", meta, "--metadata-dir", md, "--target-name", "a/b.txt",
          "--target-dir", td, "--target-base-url", targets, "download"));
      calls.add(List.of("--metadata-url", meta, "--metadata-dir", md, "--target-name", "missing.txt",
          "--target-dir", td, "--target-base-url", targets, "download"));
      calls.add(List.of("--metadata-url", meta, "--metadata-dir", md, "--reference-time",
          NOW.plus(3650, ChronoUnit.DAYS).toString(), "refresh"));
    }
    return calls;
  }

  private static Outcome launch(List<String> args, Path cwd, Map<String, String> env)
      throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>();
    argv.add(LAUNCHER.toString());
    argv.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(argv).directory(cwd.toFile());
    pb.environment().remove("MALLORY_CLIENT_SERVER");
    pb.environment().remove("FAKETIME");
    pb.environment().putAll(env);
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("timed out: " + args);
    }
    return new Outcome(p.exitValue(), err);
  }

  /** Relative path -> content of every regular file under dir (temp files excluded). */
  private static Map<String, String> tree(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(f).toString(), new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    }
    return out;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
