package dev.mallory.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Generates the Allure HTML site from {@code allure-results}, offline, with the Allure
 * commandline zip from the local Maven repository ({@code io.qameta.allure:allure-commandline:2.34.1:zip},
 * fetched once by {@code mvn dependency:get -Dartifact=io.qameta.allure:allure-commandline:2.34.1:zip
 * -Dtransitive=false}). The site is a single {@code index.html} so it opens from {@code file://}.
 *
 * <p>The site is a convenience, the run's verdicts are not: when the zip is missing, Java cannot
 * start it, or it takes too long, {@link #generate} says why in one line and never throws.
 */
public final class AllureSite {
  public static final String VERSION = "2.34.1";

  /** @param note one line for the report: where the site is, or why there is none */
  public record Outcome(boolean generated, String note) {}

  private final Path zip;
  private final Path unpackRoot;
  private final Duration timeout;

  /**
   * @param zip the allure-commandline zip; null disables the site
   * @param unpackRoot where the zip is unpacked once and reused
   */
  public AllureSite(Path zip, Path unpackRoot, Duration timeout) {
    this.zip = zip;
    this.unpackRoot = unpackRoot;
    this.timeout = timeout;
  }

  /** The zip where Maven puts it ({@code -Dmaven.repo.local} honoured), unpacked under the user's cache. */
  public static AllureSite fromLocalMaven() {
    String home = System.getProperty("user.home");
    Path repo = Path.of(System.getProperty("maven.repo.local", Path.of(home, ".m2", "repository").toString()));
    Path zip = repo.resolve(Path.of("io", "qameta", "allure", "allure-commandline", VERSION,
        "allure-commandline-" + VERSION + ".zip"));
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path cache = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".cache")).resolve("mallory");
    return new AllureSite(zip, cache, Duration.ofMinutes(2));
  }

  /** No site; the report says so. For tests and for runs that want only the fast reports. */
  public static AllureSite disabled() {
    return new AllureSite(null, null, Duration.ZERO);
  }

  /** Runs {@code allure generate results -o site --clean --single-file}; its output goes to {@code log}. */
  public Outcome generate(Path results, Path site, Path log) {
    if (zip == null) {
      return new Outcome(false, "Allure site not generated: disabled for this run.");
    }
    if (!Files.isRegularFile(zip)) {
      return new Outcome(false, "Allure site not generated: allure-commandline " + VERSION
          + " is not in the local Maven repository (" + zip + "); allure-results/ is still written.");
    }
    try {
      Path allure = unpacked().resolve("bin").resolve("allure");
      ProcessBuilder pb = new ProcessBuilder(allure.toString(), "generate", results.toString(), "-o", site.toString(),
          "--clean", "--single-file").redirectErrorStream(true).redirectOutput(log.toFile());
      // The launcher script needs a Java; give it ours rather than whatever is on PATH.
      pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
      // Otherwise the page embeds Google's tag manager: an offline report must not phone home
      // (allure-generator reads Boolean.parseBoolean of this variable, so "1" would not do).
      pb.environment().put("ALLURE_NO_ANALYTICS", "true");
      Process p = pb.start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        return new Outcome(false, "Allure site not generated: allure took longer than " + timeout.toSeconds()
            + " s (see " + log.getFileName() + ").");
      }
      if (p.exitValue() != 0 || !Files.isRegularFile(site.resolve("index.html"))) {
        return new Outcome(false, "Allure site not generated: allure exited with " + p.exitValue() + " (see "
            + log.getFileName() + ").");
      }
      return new Outcome(true, "generated offline by allure-commandline " + VERSION + ".");
    } catch (IOException e) {
      return new Outcome(false, "Allure site not generated: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(false, "Allure site not generated: interrupted.");
    }
  }

  /** The unpacked commandline, unpacking it first if needed (into a temporary sibling, then renamed). */
  private Path unpacked() throws IOException {
    Path home = unpackRoot.resolve("allure-" + VERSION);
    if (Files.isRegularFile(home.resolve("bin").resolve("allure"))) {
      return home;
    }
    Files.createDirectories(unpackRoot);
    Path tmp = Files.createTempDirectory(unpackRoot, "allure-unpack-");
    try {
      unzip(zip, tmp);
      Path inner = tmp.resolve("allure-" + VERSION);
      inner.resolve("bin").resolve("allure").toFile().setExecutable(true);
      try {
        Files.move(inner, home, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
        // another run unpacked it at the same time (or the file system cannot rename atomically)
        if (!Files.isRegularFile(home.resolve("bin").resolve("allure"))) {
          throw e;
        }
      }
      return home;
    } finally {
      deleteTree(tmp);
    }
  }

  /** Unzips, refusing entries that would land outside {@code into} (zip slip). */
  static void unzip(Path zip, Path into) throws IOException {
    Path root = into.toAbsolutePath().normalize();
    try (InputStream file = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(file)) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        Path target = root.resolve(e.getName()).normalize();
        if (!target.startsWith(root)) {
          throw new IOException("zip entry outside the target directory: " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
