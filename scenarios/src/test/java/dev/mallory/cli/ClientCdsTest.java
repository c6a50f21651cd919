package dev.mallory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallory.bench.ReferenceClientBench;
import dev.mallory.client.TestRepository;
import dev.mallory.dialect.Dialect;
import dev.mallory.external.CommandResult;
import dev.mallory.external.CommandRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ClientCds}: the archive is made for jars only (directories jarred, Bouncy Castle without
 * its signature), and a one-shot client call started with {@code -Xshare:on} on it works and loads
 * the client's classes from the archive.
 */
class ClientCdsTest {
  @TempDir Path tmp;

  @Test
  void oneShotClientCall_startsFromTheArchive_madeForJarsWithoutSignatures() throws Exception {
    List<String> options = ClientCds.jvmOptions(Path.of("clients/mallory-client.jvm-options"));
    List<Path> classpath = ReferenceClientBench.testClasspath();

    ClientCds.Archive archive = ClientCds.prepare(tmp.resolve("cds"), classpath, options);

    assertThat(archive.file()).isRegularFile();
    assertThat(Files.readString(tmp.resolve("cds").resolve(ClientCds.CLASSPATH)).trim()).isEqualTo(archive.classpathString());
    assertThat(archive.classpath()).hasSameSizeAs(classpath).allSatisfy(p -> assertThat(p.toString()).endsWith(".jar"));
    Path bcprov = archive.classpath().stream().filter(p -> p.getFileName().toString().contains("bcprov")).findFirst()
        .orElseThrow();
    Path signedBcprov = classpath.stream().filter(p -> p.getFileName().toString().contains("bcprov")).findFirst()
        .orElseThrow();
    assertThat(signatureFiles(signedBcprov)).isNotEmpty();
    assertThat(signatureFiles(bcprov)).isEmpty();
    try (JarFile jar = new JarFile(bcprov.toFile())) {
      assertThat(jar.isMultiRelease()).isTrue(); // the main manifest section is kept
    }

    Path root = Files.write(tmp.resolve("root.json"), new TestRepository(Dialect.TUF_1_0, Instant.now()).rootBytes(1));
    Path classLog = tmp.resolve("class-load.txt");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(options);
    command.addAll(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive.file(), "-Xlog:class+load:file=" + classLog,
        "-cp", archive.classpathString(), Mallory.class.getName(), "client", "--metadata-dir",
        tmp.resolve("metadata").toString(), "init", root.toString()));
    CommandResult init = CommandRunner.run(command, Duration.ofMinutes(2));

    assertThat(init.exitCode()).as(init.toString()).isZero();
    assertThat(tmp.resolve("metadata/root.json")).hasSameBinaryContentAs(root);
    assertThat(Files.readAllLines(classLog)).anyMatch(l -> l.contains("dev.mallory.client.Updater source: shared objects file"));
  }

  private static List<String> signatureFiles(Path jar) throws Exception {
    try (JarFile file = new JarFile(jar.toFile(), false)) {
      return file.stream().map(e -> e.getName()).filter(n -> n.matches("META-INF/[^/]+\\.(SF|RSA|DSA|EC)")).toList();
    }
  }
}
