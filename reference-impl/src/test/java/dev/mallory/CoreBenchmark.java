package dev.mallory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mallory.crypto.KeyEncoding;
import dev.mallory.crypto.VerificationKey;
import dev.mallory.dialect.Dialect;
import dev.mallory.json.CanonicalJson;
import dev.mallory.json.Json;
import dev.mallory.model.Key;
import dev.mallory.model.TargetFile;
import dev.mallory.model.Targets;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * JMH benchmarks of the core: canonical JSON throughput on a ~1 MB targets document, and signature
 * verifications per second through Mallory's {@link VerificationKey} next to the JDK's own
 * {@link Signature} on the same keys and signatures.
 *
 * <p>Not part of the default test run (tag {@code benchmark}); run it with
 * {@code mvn -pl reference-impl test -Dgroups=benchmark -DexcludedGroups= -Dtest=CoreBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CoreBenchmark {
  private static final byte[] PAYLOAD = new byte[1024]; // a typical small signed body

  JsonNode targetsTree;
  byte[] targetsRaw;
  int canonicalLength;

  VerificationKey malloryEd25519;
  PublicKey jdkEd25519Key;
  Signature jdkEd25519;
  byte[] ed25519Signature;

  VerificationKey malloryEcdsa;
  PublicKey jdkEcdsaKey;
  Signature jdkEcdsa;
  byte[] ecdsaSignature;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Arrays.fill(PAYLOAD, (byte) 'x');
    targetsRaw = Json.write(Dialect.TUF_1_0.toJson(bigTargets(1024 * 1024)));
    targetsTree = Json.parse(targetsRaw);
    canonicalLength = CanonicalJson.encode(targetsTree).length;

    KeyPairGenerator ed = KeyPairGenerator.getInstance("Ed25519");
    KeyPair edPair = ed.generateKeyPair();
    ed25519Signature = sign("Ed25519", edPair);
    jdkEd25519Key = edPair.getPublic();
    jdkEd25519 = Signature.getInstance("Ed25519");
    byte[] spki = edPair.getPublic().getEncoded();
    byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    malloryEd25519 =
        VerificationKey.decode(new Key("ed25519", "ed25519", HexFormat.of().formatHex(raw)), KeyEncoding.TUF);

    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair ecPair = ec.generateKeyPair();
    ecdsaSignature = sign("SHA256withECDSA", ecPair);
    jdkEcdsaKey = ecPair.getPublic();
    jdkEcdsa = Signature.getInstance("SHA256withECDSA");
    malloryEcdsa = VerificationKey.decode(new Key("ecdsa", "ecdsa-sha2-nistp256", pem(ecPair.getPublic().getEncoded())), KeyEncoding.TUF);

    if (!malloryEd25519.verify(PAYLOAD, ed25519Signature) || !malloryEcdsa.verify(PAYLOAD, ecdsaSignature)) {
      throw new IllegalStateException("benchmark signatures do not verify");
    }
  }

  private static byte[] sign(String algorithm, KeyPair pair) throws Exception {
    Signature s = Signature.getInstance(algorithm);
    s.initSign(pair.getPrivate());
    s.update(PAYLOAD);
    return s.sign();
  }

  private static String pem(byte[] der) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END PUBLIC KEY-----\n";
  }

  /** A targets role with enough entries to reach about {@code bytes} of JSON. */
  static Targets bigTargets(int bytes) {
    Map<String, TargetFile> files = new LinkedHashMap<>();
    int approx = 0;
    for (int i = 0; approx < bytes; i++) {
      String sha256 = String.format("%064x", (long) i * 2654435761L);
      String sha512 = String.format("%0128x", (long) i * 40503L);
      var custom = Json.object().put("build", i).put("channel", i % 2 == 0 ? "stable" : "b\u00eata");
      String path = "packages/" + (i % 97) + "/pkg-" + i + "-\u00e9dition.tar.gz";
      files.put(path, new TargetFile(1000L + i, Map.of("sha256", sha256, "sha512", sha512), custom));
      approx += path.length() + 64 + 128 + 90;
    }
    return new Targets(1, Instant.parse("2030-01-01T00:00:00Z"), Dialect.SPEC_VERSION, files, Optional.empty(), Map.of());
  }

  // ---- benchmarks ----------------------------------------------------------------------------

  @Benchmark
  public byte[] canonicalise1MbTargets() {
    return CanonicalJson.encode(targetsTree);
  }

  @Benchmark
  public JsonNode parse1MbTargets() {
    return Json.parse(targetsRaw);
  }

  @Benchmark
  public boolean ed25519Mallory() {
    return malloryEd25519.verify(PAYLOAD, ed25519Signature);
  }

  @Benchmark
  public boolean ed25519Jdk() throws Exception {
    jdkEd25519.initVerify(jdkEd25519Key);
    jdkEd25519.update(PAYLOAD);
    return jdkEd25519.verify(ed25519Signature);
  }

  @Benchmark
  public boolean ecdsaP256Mallory() {
    return malloryEcdsa.verify(PAYLOAD, ecdsaSignature);
  }

  @Benchmark
  public boolean ecdsaP256Jdk() throws Exception {
    jdkEcdsa.initVerify(jdkEcdsaKey);
    jdkEcdsa.update(PAYLOAD);
    return jdkEcdsa.verify(ecdsaSignature);
  }

  // ---- the JUnit entry point -----------------------------------------------------------------

  @Test
  @Tag("benchmark")
  void runCoreBenchmarks() throws Exception {
    CoreBenchmark probe = new CoreBenchmark();
    probe.setUp();
    Options options =
        new OptionsBuilder()
            .include(CoreBenchmark.class.getName() + "\\.")
            .forks(Integer.getInteger("jmh.forks", 1))
            .warmupIterations(2)
            .warmupTime(TimeValue.seconds(2))
            .measurementIterations(3)
            .measurementTime(TimeValue.seconds(2))
            .threads(1)
            .shouldFailOnError(true)
            .build();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, Double> score = new LinkedHashMap<>();
    Map<String, Double> error = new LinkedHashMap<>();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      name = name.substring(name.lastIndexOf('.') + 1);
      score.put(name, r.getPrimaryResult().getScore());
      error.put(name, r.getPrimaryResult().getScoreError());
    }
    assertThat(score).containsKeys("canonicalise1MbTargets", "ed25519Mallory", "ed25519Jdk", "ecdsaP256Mallory", "ecdsaP256Jdk");

    double mb = probe.canonicalLength / 1e6;
    double rawMb = probe.targetsRaw.length / 1e6;
    StringBuilder table = new StringBuilder();
    table.append(String.format("%n%-44s %16s %12s%n", "Core benchmark (JMH, 1 thread)", "result", "ratio"));
    table.append(String.format("%-44s %13.1f MB/s %12s%n",
        String.format("canonical JSON, targets of %.2f MB", mb), score.get("canonicalise1MbTargets") * mb, ""));
    table.append(String.format("%-44s %13.1f MB/s %12s%n",
        String.format("strict parse, targets of %.2f MB", rawMb), score.get("parse1MbTargets") * rawMb, ""));
    row(table, "Ed25519 verify, Mallory VerificationKey", score.get("ed25519Mallory"), error.get("ed25519Mallory"), null);
    row(table, "Ed25519 verify, JDK Signature(\"Ed25519\")", score.get("ed25519Jdk"), error.get("ed25519Jdk"), null);
    table.append(String.format("%-44s %16s %11.2fx%n", "  Mallory / JDK", "", score.get("ed25519Mallory") / score.get("ed25519Jdk")));
    row(table, "ECDSA P-256 verify, Mallory VerificationKey", score.get("ecdsaP256Mallory"), error.get("ecdsaP256Mallory"), null);
    row(table, "ECDSA P-256 verify, JDK SHA256withECDSA", score.get("ecdsaP256Jdk"), error.get("ecdsaP256Jdk"), null);
    table.append(String.format("%-44s %16s %11.2fx%n", "  Mallory / JDK", "", score.get("ecdsaP256Mallory") / score.get("ecdsaP256Jdk")));
    table.append(String.format("(payload %d bytes; %d CPUs; %s %s)%n", PAYLOAD.length,
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version")));
    System.out.println(table);
    java.nio.file.Path out = java.nio.file.Path.of("target", "core-benchmark.txt");
    java.nio.file.Files.createDirectories(out.getParent());
    java.nio.file.Files.writeString(out, table.toString());
  }

  private static void row(StringBuilder table, String name, double ops, double err, String ratio) {
    table.append(String.format("%-44s %11.0f ops/s %12s%n", name, ops, String.format("+-%.0f", err)));
  }

}
