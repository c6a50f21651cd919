package dev.mallory.cli;

import dev.mallory.external.CommandResult;
import dev.mallory.external.CommandRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Class Data Sharing for one-shot {@code mallory client} calls: a dynamic AppCDS archive of the
 * classes a client call loads, so a fresh JVM maps them instead of reading, verifying and linking
 * them one by one (JDK 13+ {@code -XX:ArchiveClassesAtExit}).
 *
 * <p>CDS maps classes from jar files only, so every classpath entry becomes one: a directory is
 * jarred, and a signed jar (Bouncy Castle) is copied without its signature — the JDK never archives
 * classes of a signed jar, and checking bcprov's 800 KB signature file was about a tenth of a cold
 * client's CPU. Then a training JVM ({@link ClientCdsTraining}) makes real protocol calls against
 * an in-process reference server, and its loaded classes are dumped at exit. A JVM given another
 * classpath, or a jar that changed since, ignores the archive (the JVM compares the path, size and
 * modification time of every jar).
 *
 * <p>Output in OUT_DIR: {@code classpath.txt} (the jars, in order) and {@link #ARCHIVE}. Made at
 * build time by the scenarios module's package phase (for {@code ./mallory client}) and by
 * SideBySideClientBenchmark for the classes under test.
 *
 * <p>usage: {@code ClientCds OUT_DIR JVM_OPTIONS_FILE JAR CLASSPATH_FILE}; exit 0 also when no
 * archive could be made (it is an optimisation: the reason is printed and clients run without it).
 */
public final class ClientCds {
  public static final String ARCHIVE = "mallory-client.jsa";
  public static final String CLASSPATH = "classpath.txt";
  private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(3);

  /** The archive and the exact classpath it was made for. */
  public record Archive(Path file, List<Path> classpath) {
    public String classpathString() {
      return classpath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
    }
  }

  private ClientCds() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      System.err.println("usage: ClientCds OUT_DIR JVM_OPTIONS_FILE JAR CLASSPATH_FILE");
      System.exit(Mallory.HARNESS_ERROR);
    }
    List<Path> classpath = new ArrayList<>(List.of(Path.of(args[2])));
    for (String entry : Files.readString(Path.of(args[3])).trim().split(java.io.File.pathSeparator)) {
      classpath.add(Path.of(entry));
    }
    try {
      Archive archive = prepare(Path.of(args[0]), classpath, jvmOptions(Path.of(args[1])));
      System.out.println("mallory: client CDS archive " + archive.file() + " (" + Files.size(archive.file()) / 1024 + " KiB)");
    } catch (IOException | RuntimeException e) {
      System.out.println("mallory: no client CDS archive, clients start without one: " + e.getMessage());
    }
  }

  /** The one-shot client's JVM options: the file's words, lines starting with '#' skipped. */
  public static List<String> jvmOptions(Path file) throws IOException {
    List<String> options = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank() && !line.strip().startsWith("#")) {
        options.addAll(List.of(line.strip().split("\\s+")));
      }
    }
    return options;
  }

  /**
   * Makes OUT_DIR/{@value #ARCHIVE} for {@code classpath}, trained with {@code jvmOptions}.
   *
   * @throws IOException with the training JVM's output when it fails or makes no archive
   */
  public static Archive prepare(Path outDir, List<Path> classpath, List<String> jvmOptions) throws IOException {
    Path lib = outDir.resolve("lib");
    deleteTree(outDir);
    Files.createDirectories(lib);
    List<Path> jars = new ArrayList<>();
    for (int i = 0; i < classpath.size(); i++) {
      jars.add(asArchivableJar(classpath.get(i).toAbsolutePath(), lib, i));
    }
    Archive archive = new Archive(outDir.resolve(ARCHIVE).toAbsolutePath(), List.copyOf(jars));
    Files.writeString(outDir.resolve(CLASSPATH), archive.classpathString() + "\n");

    Path partial = outDir.resolve(ARCHIVE + ".part");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-XX:ArchiveClassesAtExit=" + partial, "-cp", archive.classpathString(),
        ClientCdsTraining.class.getName(), Files.createDirectories(outDir.resolve("training")).toString()));
    // FAKETIME removed: a faked clock in the builder's shell would make the training refuse metadata.
    CommandResult training = CommandRunner.run(command, outDir, Collections.singletonMap("FAKETIME", null), null,
        TRAINING_TIMEOUT);
    deleteTree(outDir.resolve("training"));
    if (training.exitCode() != 0 || !Files.isRegularFile(partial) || Files.size(partial) == 0) {
      Files.deleteIfExists(partial);
      throw new IOException("training run failed: " + training);
    }
    Files.move(partial, archive.file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return archive;
  }

  private static Path asArchivableJar(Path entry, Path lib, int index) throws IOException {
    if (Files.isDirectory(entry)) {
      Path jar = lib.resolve(index + "-" + entry.getFileName() + ".jar");
      jarDirectory(entry, jar);
      return jar;
    }
    if (!isSigned(entry)) {
      return entry;
    }
    Path copy = lib.resolve(index + "-" + entry.getFileName());
    copyWithoutSignature(entry, copy);
    return copy;
  }

  private static boolean isSigned(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile(), false)) {
      return file.stream().anyMatch(e -> isSignatureFile(e.getName()));
    }
  }

  private static boolean isSignatureFile(String name) {
    return name.startsWith("META-INF/") && name.indexOf('/', "META-INF/".length()) < 0
        && (name.endsWith(".SF") || name.endsWith(".RSA") || name.endsWith(".DSA") || name.endsWith(".EC"));
  }

  /** Every entry but the signature files; the manifest keeps its main section (Multi-Release ...). */
  private static void copyWithoutSignature(Path signed, Path copy) throws IOException {
    try (JarFile in = new JarFile(signed.toFile(), false)) {
      Manifest manifest = new Manifest();
      manifest.getMainAttributes().putAll(in.getManifest().getMainAttributes());
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(copy), manifest)) {
        for (Enumeration<JarEntry> entries = in.entries(); entries.hasMoreElements(); ) {
          JarEntry entry = entries.nextElement();
          String name = entry.getName();
          if (isSignatureFile(name) || name.equals(JarFile.MANIFEST_NAME)) {
            continue;
          }
          out.putNextEntry(new JarEntry(name));
          try (InputStream data = in.getInputStream(entry)) {
            data.transferTo(out);
          }
          out.closeEntry();
        }
      }
    }
  }

  private static void jarDirectory(Path dir, Path jar) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(dir.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
