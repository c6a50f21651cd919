package dev.mallory.shim.sigstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shim as a harness sees it: a separate process. One cold JVM run of {@link Main} (real exit
 * code, real FAKETIME environment variable), and the launcher script's client mode talking to a
 * {@link ShimServer}.
 */
class ProcessModesTest {
  private static final Path LAUNCHER =
      Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("sigstore-java-client");

  @TempDir Path tmp;
  TestRepo repo;

  record Result(int code, String stderr) {}

  @BeforeEach
  void setUp() throws Exception {
    repo = new TestRepo();
    repo.addTarget("hello.txt", "hello tuf\n");
    repo.publish();
    Files.write(tmp.resolve("initial_root.json"), repo.rootBytes());
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  /** Runs a command in {@code tmp}, with a clean FAKETIME/MALLORY_* environment plus {@code env}. */
  Result exec(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().keySet().removeIf(k -> k.equals("FAKETIME") || k.startsWith("MALLORY_"));
    builder.environment().putAll(env);
    Process process = builder.start();
    try {
      String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "process did not end");
      return new Result(process.exitValue(), stderr);
    } finally {
      process.destroyForcibly(); // no-op once it has ended; never leave one running
    }
  }

  List<String> cli(String... args) {
    List<String> command = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
    command.addAll(List.of(args));
    return command;
  }

  @Test
  void coldJvmReadsFaketimeFromItsEnvironment() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> main = List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName());
    List<String> init = new ArrayList<>(main);
    init.addAll(List.of("--metadata-dir", "md", "init", "initial_root.json"));
    List<String> refresh = new ArrayList<>(main);
    refresh.addAll(List.of("--metadata-url", repo.metadataUrl(), "--metadata-dir", "md", "refresh"));

    assertEquals(new Result(0, ""), exec(init, Map.of()));
    Result expired = exec(refresh, Map.of("FAKETIME", "@" + (System.currentTimeMillis() / 1000 + 10L * 365 * 86400)));

    assertEquals(1, expired.code(), expired.stderr());
    assertTrue(expired.stderr().startsWith("ERROR dev.sigstore.tuf.RoleExpiredException: "), expired.stderr());
    assertEquals(1, expired.stderr().lines().count(), expired.stderr());
  }

  @Test
  void launcherClientModeRunsCallsInTheServer() throws Exception {
    Path portFile = tmp.resolve("shim.port");
    try (ShimServer server = ShimServer.start(portFile)) {
      Map<String, String> env = Map.of("MALLORY_SIGSTORE_SERVER", portFile.toString());

      assertEquals(new Result(0, ""), exec(cli("--metadata-dir", "md", "init", "initial_root.json"), env));
      // Relative paths: the server must resolve them against the caller's directory, not its own.
      assertEquals(new Result(0, ""), exec(cli("--metadata-url", repo.metadataUrl(), "--metadata-dir", "md",
          "--target-name", "hello.txt", "--target-dir", "td", "--target-base-url", repo.targetsUrl(), "download"), env));
      assertArrayEquals("hello tuf\n".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(tmp.resolve("td/hello.txt")));

      Map<String, String> future = Map.of("MALLORY_SIGSTORE_SERVER", portFile.toString(), "FAKETIME", "+3650d");
      Result expired = exec(cli("--metadata-url", repo.metadataUrl(), "--metadata-dir", "md", "refresh"), future);
      assertEquals(1, expired.code());
      assertTrue(expired.stderr().startsWith("ERROR dev.sigstore.tuf.RoleExpiredException: "), expired.stderr());

      // Someone who cannot read the port file's token is turned away.
      Path forged = Files.writeString(tmp.resolve("forged.port"), server.port() + " 00\n");
      Result refused = exec(cli("--metadata-url", repo.metadataUrl(), "--metadata-dir", "md", "refresh"),
          Map.of("MALLORY_SIGSTORE_SERVER", forged.toString()));
      assertEquals(2, refused.code());
      assertTrue(refused.stderr().contains("bad or missing token"), refused.stderr());
    }
  }

  @Test
  void killingTheLauncherCancelsItsCallInTheServer() throws Exception {
    // A mirror that stalls politely: 503 with Retry-After: 1, which sigstore-java obeys 3 times.
    AtomicInteger requests = new AtomicInteger();
    HttpServer stalling = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    stalling.createContext("/", exchange -> {
      requests.incrementAndGet();
      exchange.getResponseHeaders().set("Retry-After", "1");
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
    });
    stalling.start();
    Path portFile = tmp.resolve("shim.port");
    try (ShimServer server = ShimServer.start(portFile)) {
      Map<String, String> env = Map.of("MALLORY_SIGSTORE_SERVER", portFile.toString());
      assertEquals(0, exec(cli("--metadata-dir", "md", "init", "initial_root.json"), env).code());
      String url = "http://127.0.0.1:" + stalling.getAddress().getPort() + "/metadata/";
      ProcessBuilder builder = new ProcessBuilder(cli("--metadata-url", url, "--metadata-dir", "md", "refresh"))
          .directory(tmp.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
      builder.environment().putAll(env);
      Process launcher = builder.start();
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (requests.get() == 0 && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertEquals(1, requests.get(), "the call reached the mirror");
      } finally {
        launcher.destroyForcibly(); // the harness gives up on the call
        launcher.waitFor(10, TimeUnit.SECONDS);
      }

      Thread.sleep(3_500); // uncancelled, the three 1 s retries would all have happened by now
      assertEquals(1, requests.get(), "no retry after the launcher was killed");
    } finally {
      stalling.stop(0);
    }
  }

  @Test
  void launcherWithoutServerPortFileFailsClearly() throws Exception {
    Result result = exec(cli("--metadata-dir", "md", "init", "initial_root.json"),
        Map.of("MALLORY_SIGSTORE_SERVER", tmp.resolve("nothing-here").toString()));

    assertEquals(2, result.code());
    assertTrue(result.stderr().startsWith("ERROR launcher: "), result.stderr());
  }
}
