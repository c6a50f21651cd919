package dev.mallory.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mallory.dialect.Dialect;
import dev.mallory.external.ManagedProcess;
import dev.mallory.external.NotaryServer;
import dev.mallory.repo.Repository;
import dev.mallory.repo.signing.LocalSigningService;
import dev.mallory.repo.store.Hashes;
import dev.mallory.repo.store.MetadataStore;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Read throughput of the reference server next to the real notary-server 0.7.0, on loopback, with one
 * load generator for both: a JDK HttpClient (HTTP/1.1, keep-alive) driven by N threads, each sending
 * GETs back to back for a fixed time after a warm-up, every response read to the end and checked
 * (status 200, exact length). Each server runs in its own process: notary-server with memory
 * storage and its local signer; the reference server in a separate JVM serving a store written
 * beforehand ({@link CrashableServerMain} in {@code serve} mode).
 *
 * <p>Cases: {@code timestamp.json}, and a ~1 MiB targets metadata file (on notary-server the only
 * "1 MiB targets file" there is: targets.json, published through its upload API). The reference
 * server is measured both on its TUF layout and on its Notary API (same paths as notary-server), plus
 * a 1 MiB target file. Not run by default (tag {@code benchmark}):
 *
 * <pre>mvn -pl reference-impl test -Dgroups=benchmark -DexcludedGroups= -Dtest=ServerBenchmark</pre>
 *
 * System properties: {@code mallory.bench.threads} (default 4), {@code mallory.bench.seconds}
 * (measured, default 10), {@code mallory.bench.warmupSeconds} (default 3).
 */
@Tag("benchmark")
class ServerBenchmark {
  private static final int THREADS = Integer.getInteger("mallory.bench.threads", 4);
  private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("mallory.bench.seconds", 10));
  private static final Duration WARMUP = Duration.ofSeconds(Long.getLong("mallory.bench.warmupSeconds", 3));
  private static final int ONE_MIB = 1 << 20;
  private static final String GUN = "example.com/bench";
  private static final String NOTARY_TUF = "/v2/" + GUN + "/_trust/tuf/";

  private static final byte[] FILLER = "the same small content for every filler target\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  @TempDir Path dir;

  @Test
  void referenceServerVersusNotaryServer() throws Exception {
    assumeTrue(NotaryServer.isInstalled(), NotaryServer.NOT_INSTALLED);

    // ---- the reference server's data: a TUF repository and a Notary GUN, written to disk ----------
    Path data = dir.resolve("reference");
    MetadataStore store = MetadataStore.open(data.resolve("store"));
    LocalSigningService signer = LocalSigningService.open(data.resolve("keys"));
    Repository tuf = Repository.builder(Dialect.TUF_1_0).name("default").store(store).signingService(signer)
        .consistentSnapshot(true).create();
    fillTargetsMetadataToOneMiB(tuf);
    byte[] bigTarget = new byte[ONE_MIB];
    new Random(7).nextBytes(bigTarget);
    tuf.addTarget("big.bin", bigTarget);
    tuf.publish();
    Repository notaryOnReference = Repository.builder(Dialect.NOTARY).name(GUN).store(store).signingService(signer).create();
    fillTargetsMetadataToOneMiB(notaryOnReference);
    notaryOnReference.publish();
    long tufTargetsVersion = tuf.current("targets").orElseThrow().version();

    try (ManagedProcess reference = startReferenceServer(data);
        NotaryServer notary = NotaryServer.start(dir.resolve("notary"))) {
      URI ref = waitForPort(reference);

      // ---- notary-server: publish the same kind of GUN through its upload API ----------------------
      Repository client = NotaryUploads.clientRepository(notary.url(), GUN);
      fillTargetsMetadataToOneMiB(client);
      client.publish();
      HttpResponse<String> up = NotaryUploads.upload(notary.url(), GUN, NotaryUploads.files(client, "root", "targets", "snapshot"), null);
      assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
      byte[] notaryTargets = NotaryUploads.get(notary.url(), NOTARY_TUF + "targets.json").body();
      assertThat(notaryTargets).isEqualTo(client.current("targets").orElseThrow().bytes());

      List<Case> cases = List.of(
          new Case("GET timestamp.json", "TUF layout /metadata/timestamp.json",
              ref.resolve("/metadata/timestamp.json"), notary.url().resolve(NOTARY_TUF + "timestamp.json")),
          new Case("GET timestamp.json", "Notary API on both",
              ref.resolve(NOTARY_TUF + "timestamp.json"), notary.url().resolve(NOTARY_TUF + "timestamp.json")),
          new Case("GET ~1 MiB targets metadata", "TUF layout /metadata/N.targets.json",
              ref.resolve("/metadata/" + tufTargetsVersion + ".targets.json"), notary.url().resolve(NOTARY_TUF + "targets.json")),
          new Case("GET ~1 MiB targets metadata", "Notary API on both",
              ref.resolve(NOTARY_TUF + "targets.json"), notary.url().resolve(NOTARY_TUF + "targets.json")),
          new Case("GET 1 MiB target file", "TUF layout /targets/SHA256.big.bin",
              ref.resolve("/targets/" + Hashes.sha256(bigTarget) + ".big.bin"), null));

      // warm-up first: both servers (the reference one is a cold JVM) see every URL before any measurement
      for (Case c : cases) {
        for (URI u : new URI[] {c.reference(), c.notary()}) {
          if (u != null) {
            warmUp(u);
          }
        }
      }
      // notary-server's side is measured once per distinct URL
      Map<URI, Result> notaryResults = new java.util.LinkedHashMap<>();
      List<Result[]> rows = new ArrayList<>();
      for (Case c : cases) {
        Result r = load(c.reference());
        Result n = c.notary() == null ? null : notaryResults.get(c.notary());
        if (c.notary() != null && n == null) {
          n = load(c.notary());
          notaryResults.put(c.notary(), n);
        }
        rows.add(new Result[] {r, n});
      }

      print(cases, rows, reference.pid(), notary.pid());
      for (Result[] row : rows) {
        for (Result r : row) {
          if (r != null) {
            assertThat(r.errors()).as(r.url() + " errors").isZero();
            assertThat(r.requests()).as(r.url() + " requests").isPositive();
          }
        }
      }
    }
  }

  private record Case(String what, String how, URI reference, URI notary) {}

  private record Result(URI url, long requests, long errors, long bytesPerResponse, double seconds, long p50Nanos, long p99Nanos) {
    double perSecond() {
      return requests / seconds;
    }

    double mibPerSecond() {
      return requests * (double) bytesPerResponse / seconds / ONE_MIB;
    }
  }

  // ---- load generator (the same for both servers) --------------------------------------------

  private static Result load(URI url) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).GET().build();
    HttpResponse<byte[]> first = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    assertThat(first.statusCode()).as("GET " + url + ": " + new String(first.body(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(200);
    long expected = first.body().length;
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    try {
      run(threads, http, request, expected, WARMUP);
      long start = System.nanoTime();
      List<long[]> perThread = run(threads, http, request, expected, MEASURE);
      double seconds = (System.nanoTime() - start) / 1e9;
      long requests = 0;
      long errors = 0;
      List<Long> all = new ArrayList<>();
      for (long[] t : perThread) {
        requests += t[0];
        errors += t[1];
        for (int i = 2; i < t.length; i++) {
          all.add(t[i]);
        }
      }
      long[] latencies = all.stream().mapToLong(Long::longValue).toArray();
      Arrays.sort(latencies);
      long p50 = latencies.length == 0 ? 0 : latencies[latencies.length / 2];
      long p99 = latencies.length == 0 ? 0 : latencies[(int) Math.min(latencies.length - 1, latencies.length * 0.99)];
      return new Result(url, requests, errors, expected, seconds, p50, p99);
    } finally {
      threads.shutdownNow();
    }
  }

  private static void warmUp(URI url) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).GET().build();
    long expected = http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body().length;
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    try {
      run(threads, http, request, expected, WARMUP);
    } finally {
      threads.shutdownNow();
    }
  }

  /** Each thread: {ok count, error count, latency...} (latencies of successful requests, nanoseconds). */
  private static List<long[]> run(ExecutorService threads, HttpClient http, HttpRequest request, long expected, Duration duration)
      throws Exception {
    long end = System.nanoTime() + duration.toNanos();
    List<Future<long[]>> futures = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      futures.add(threads.submit(() -> {
        byte[] buf = new byte[64 * 1024];
        long ok = 0;
        long errors = 0;
        long[] lat = new long[1 << 16];
        int n = 0;
        while (System.nanoTime() < end) {
          long t0 = System.nanoTime();
          try {
            HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            long read = 0;
            try (InputStream in = r.body()) {
              for (int k; (k = in.read(buf)) > 0; ) {
                read += k;
              }
            }
            if (r.statusCode() != 200 || read != expected) {
              errors++;
              continue;
            }
          } catch (java.io.IOException e) {
            errors++;
            continue;
          }
          ok++;
          if (n == lat.length) {
            lat = Arrays.copyOf(lat, n * 2);
          }
          lat[n++] = System.nanoTime() - t0;
        }
        long[] out = new long[n + 2];
        out[0] = ok;
        out[1] = errors;
        System.arraycopy(lat, 0, out, 2, n);
        return out;
      }));
    }
    List<long[]> results = new ArrayList<>();
    for (Future<long[]> f : futures) {
      results.add(f.get());
    }
    return results;
  }

  // ---- setup ----------------------------------------------------------------------------------

  /**
   * Adds targets with realistic-looking long paths until the signed targets file is about 1 MiB.
   * They share one content (one stored object), so setting up costs no thousands of fsyncs; the
   * metadata is what is measured.
   */
  private static void fillTargetsMetadataToOneMiB(Repository repo) {
    // per entry: path + sha256 (+ sha512 for Notary) + JSON punctuation and length
    int entry = repo.dialect() == Dialect.NOTARY ? 358 : 290; // measured: bytes per entry in each dialect
    int count = ONE_MIB / entry;
    for (int i = 0; i < count; i++) {
      String path = String.format(Locale.ROOT, "releases/v%d.%d/linux-amd64/app-%06d-%s.tar.gz", i / 100, i % 100, i,
          "0123456789abcdef".repeat(8));
      repo.addTarget(path, FILLER);
    }
  }

  private ManagedProcess startReferenceServer(Path data) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return ManagedProcess.start("bench-reference",
        List.of(java, "-cp", System.getProperty("java.class.path"), CrashableServerMain.class.getName(),
            data.toString(), dir.resolve("port").toString(), "serve"),
        dir, Map.of(), dir.resolve("logs"));
  }

  private URI waitForPort(ManagedProcess process) throws Exception {
    process.waitUntil(() -> Files.exists(dir.resolve("port")), Duration.ofSeconds(60));
    return URI.create("http://127.0.0.1:" + Files.readString(dir.resolve("port")).trim());
  }

  private static void print(List<Case> cases, List<Result[]> rows, long refPid, long notaryPid) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%nServerBenchmark: %d client threads, %ds warm-up of every URL first, then %ds warm-up + %ds measured per case, loopback, "
        + "JDK HttpClient HTTP/1.1 keep-alive; %d CPUs; reference server pid %d (own JVM), notary-server 0.7.0 pid %d%n",
        THREADS, WARMUP.toSeconds(), WARMUP.toSeconds(), MEASURE.toSeconds(), Runtime.getRuntime().availableProcessors(), refPid, notaryPid));
    String header = String.format(Locale.ROOT, "| %-27s | %-36s | %9s | %9s | %15s | %15s | %10s | %10s | %9s |",
        "case", "reference server path", "ref bytes", "ntry bytes", "reference req/s", "notary req/s", "ref p50/p99 ms", "ntry p50/p99 ms", "ref/notary");
    out.append(header).append('\n').append(header.replaceAll("[^|]", "-")).append('\n');
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      Result r = rows.get(i)[0];
      Result n = rows.get(i)[1];
      out.append(String.format(Locale.ROOT, "| %-27s | %-36s | %9d | %10s | %15.0f | %15s | %14s | %15s | %10s |%n",
          c.what(), c.how(), r.bytesPerResponse(), n == null ? "-" : Long.toString(n.bytesPerResponse()), r.perSecond(),
          n == null ? "-" : String.format(Locale.ROOT, "%.0f", n.perSecond()), ms(r), n == null ? "-" : ms(n),
          n == null ? "-" : String.format(Locale.ROOT, "%.2f", r.perSecond() / n.perSecond())));
    }
    java.util.Set<Result> printed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Result[] row : rows) {
      for (Result r : row) {
        if (r != null && r.bytesPerResponse() > 100_000 && printed.add(r)) {
          out.append(String.format(Locale.ROOT, "  %s: %.0f MiB/s, %d requests, %d errors%n", r.url(), r.mibPerSecond(), r.requests(), r.errors()));
        }
      }
    }
    System.out.println(out);
  }

  private static String ms(Result r) {
    return String.format(Locale.ROOT, "%.2f/%.2f", r.p50Nanos() / 1e6, r.p99Nanos() / 1e6);
  }
}
