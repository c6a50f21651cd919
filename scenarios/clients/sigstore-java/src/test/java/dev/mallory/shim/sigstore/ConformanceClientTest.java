package dev.mallory.shim.sigstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conformance CLI run in-process against a repository served on 127.0.0.1. */
class ConformanceClientTest {
  @TempDir Path tmp;
  TestRepo repo;
  Path metadataDir;
  Path targetDir;
  Path trustedRoot;

  record Result(int code, String stderr) {}

  @BeforeEach
  void setUp() throws Exception {
    repo = new TestRepo();
    repo.addTarget("hello.txt", "hello tuf\n");
    repo.publish();
    metadataDir = tmp.resolve("metadata");
    targetDir = tmp.resolve("targets");
    trustedRoot = Files.write(tmp.resolve("initial_root.json"), repo.rootBytes());
  }

  @AfterEach
  void tearDown() {
    repo.close();
  }

  Result run(String faketime, String... argv) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ConformanceClient.run(
        List.of(argv), faketime, tmp, new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, err.toString(StandardCharsets.UTF_8));
  }

  Result init() {
    return run(null, "--metadata-dir", metadataDir.toString(), "init", trustedRoot.toString());
  }

  Result refresh(String faketime) {
    return run(faketime, "--metadata-url", repo.metadataUrl(), "--metadata-dir", metadataDir.toString(), "refresh");
  }

  Result download(String... names) {
    Stream<String> base = Stream.of("--metadata-url", repo.metadataUrl(), "--metadata-dir", metadataDir.toString(),
        "--target-dir", targetDir.toString(), "--target-base-url", repo.targetsUrl());
    Stream<String> targets = Stream.of(names).flatMap(n -> Stream.of("--target-name", n));
    return run(null, Stream.concat(Stream.concat(base, targets), Stream.of("download")).toArray(String[]::new));
  }

  static List<String> filesIn(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void initThenRefreshStoresTheTopLevelRoles() throws IOException {
    assertEquals(new Result(0, ""), init());
    assertEquals(List.of(), repo.requests, "init makes no request");
    // URL without its trailing slash: the shim must add it.
    String url = repo.metadataUrl().substring(0, repo.metadataUrl().length() - 1);
    Result refresh = run(null, "--metadata-dir", metadataDir.toString(), "--metadata-url", url, "refresh");

    assertEquals(new Result(0, ""), refresh);
    assertEquals(List.of("root.json", "snapshot.json", "targets.json", "timestamp.json"), filesIn(metadataDir));
    assertEquals(List.of("metadata/2.root.json", "metadata/timestamp.json", "metadata/1.snapshot.json",
        "metadata/1.targets.json"), repo.requests);
  }

  @Test
  void downloadWritesTheTargetBytesAndCreatesTheTargetDir() throws IOException {
    init();
    assertFalse(Files.exists(targetDir));

    assertEquals(new Result(0, ""), download("hello.txt"));
    assertArrayEquals("hello tuf\n".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(targetDir.resolve("hello.txt")));
  }

  @Test
  void targetInASubdirectoryIsStoredUnderItsUrlEncodedName() throws Exception {
    repo.addTarget("dir/sub.txt", "nested\n");
    repo.publish();
    init();

    assertEquals(new Result(0, ""), download("dir/sub.txt"));
    // sigstore-java's FileSystemTufStore keeps targets flat, URL-encoding the name.
    assertEquals(List.of("dir%2Fsub.txt"), filesIn(targetDir));
    assertTrue(repo.requests.contains(repo.targetPath("dir/sub.txt")), repo.requests.toString());
  }

  @Test
  void tamperedTargetIsRefusedAndNothingIsStored() throws IOException {
    init();
    repo.files.put(repo.targetPath("hello.txt"), "HELLO TUF\n".getBytes(StandardCharsets.UTF_8)); // same length

    Result result = download("hello.txt");

    assertEquals(1, result.code());
    assertTrue(result.stderr().startsWith("ERROR dev.sigstore.tuf.InvalidHashesException: "), result.stderr());
    assertEquals(List.of(), filesIn(targetDir));
  }

  @Test
  void timestampRolledBackFromV2ToV1IsRefused() throws Exception {
    init();
    assertEquals(0, refresh(null).code());
    repo.publish();
    assertEquals(0, refresh(null).code());
    repo.files.put("metadata/timestamp.json", repo.timestamp(1)); // replay the old, validly signed v1

    Result result = refresh(null);

    assertEquals(1, result.code());
    assertTrue(result.stderr().contains("RollbackVersionException"), result.stderr());
    assertEquals(1, result.stderr().lines().count(), "exactly one error line");
    assertTrue(Files.readString(metadataDir.resolve("timestamp.json")).contains("\"version\":2"), "v2 still trusted");
  }

  @Test
  void faketimeFarInTheFutureMeansExpired() {
    init();
    Result result = refresh("+3650d");

    assertEquals(1, result.code());
    assertTrue(result.stderr().startsWith("ERROR dev.sigstore.tuf.RoleExpiredException: "), result.stderr());
  }

  @Test
  void referenceTimeOptionWinsOverFaketime() {
    init();
    Result result = run("+0s", "--reference-time", "2100-01-01T00:00:00Z", "--metadata-url", repo.metadataUrl(),
        "--metadata-dir", metadataDir.toString(), "refresh");

    assertEquals(1, result.code());
    assertTrue(result.stderr().contains("RoleExpiredException"), result.stderr());
  }

  @Test
  void severalTargetsAreFetchedInOrderUntilTheFirstFailure() throws Exception {
    repo.addTarget("a.txt", "first");
    repo.addTarget("b.txt", "second");
    repo.publish();
    init();

    Result result = download("a.txt", "missing.txt", "b.txt");

    assertEquals(1, result.code());
    assertTrue(result.stderr().startsWith("ERROR dev.sigstore.tuf.TargetMetadataMissingException: "), result.stderr());
    assertEquals(List.of("a.txt"), filesIn(targetDir));
  }

  @Test
  void relativePathsResolveAgainstTheCallersDirectory() throws IOException {
    assertEquals(0, run(null, "--metadata-dir", "metadata", "init", "initial_root.json").code());
    assertTrue(Files.isRegularFile(metadataDir.resolve("root.json")));
  }

  @Test
  void callerMistakesExitWithTwo() {
    assertEquals(2, run(null, "refresh").code()); // no --metadata-dir/--metadata-url
    assertEquals(2, run(null, "--metadata-dir", "m", "--bogus", "x", "init", "r").code());
    assertEquals(2, run(null, "--metadata-dir", "m", "--metadata-dir", "n", "init", "r").code());
    assertEquals(2, run(null, "--metadata-dir", "m", "--metadata-url", "ftp://x/", "refresh").code());
    assertEquals(2, run("next tuesday", "--metadata-dir", "m", "init", "r").code());
    Result missingTarget = run(null, "--metadata-dir", "m", "--metadata-url", "http://127.0.0.1:1/", "download");
    assertEquals(2, missingTarget.code());
    assertTrue(missingTarget.stderr().startsWith("ERROR dev.mallory.shim.sigstore.UsageException: "), missingTarget.stderr());
  }
}
