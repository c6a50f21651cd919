package dev.mallory.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllureSiteTest {
  @TempDir Path tmp;

  @Test
  void generatesTheSiteOfflineWhenTheCommandlineIsInTheLocalMavenRepository() throws Exception {
    Path zip = Path.of(System.getProperty("user.home"), ".m2", "repository", "io", "qameta", "allure",
        "allure-commandline", AllureSite.VERSION, "allure-commandline-" + AllureSite.VERSION + ".zip");
    assumeTrue(Files.isRegularFile(zip), "allure-commandline is not in ~/.m2: mvn dependency:get "
        + "-Dartifact=io.qameta.allure:allure-commandline:" + AllureSite.VERSION + ":zip -Dtransitive=false");
    ReportFiles files = new ReportWriter(new AllureSite(zip, tmp.resolve("cache"), Duration.ofMinutes(2)))
        .write(SampleRuns.mixed(), tmp.resolve("out"));
    assertThat(files.allureSite()).as(files.allureNote()).isNotNull();
    assertThat(files.allureSite().resolve("index.html")).isNotEmptyFile();
    assertThat(files.allureSite().resolve("index.html")).content().doesNotContain("googletagmanager")
        .doesNotContain("src=\"http");
    assertThat(Files.readString(files.html())).contains("href=\"allure-report/index.html\"");
  }

  @Test
  void aMissingCommandlineIsOneLineInTheReportNotAFailure() throws Exception {
    ReportFiles files = new ReportWriter(new AllureSite(tmp.resolve("nope.zip"), tmp.resolve("cache"),
        Duration.ofSeconds(5))).write(SampleRuns.mixed(), tmp.resolve("out"));
    assertThat(files.allureSite()).isNull();
    assertThat(files.allureNote()).startsWith("Allure site not generated").contains("not in the local Maven repository");
    assertThat(Files.readString(files.html())).contains("Allure site not generated");
  }

  @Test
  void aBrokenCommandlineIsOneLineInTheReportNotAFailure() throws Exception {
    Path zip = tmp.resolve("broken.zip");
    try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
      z.putNextEntry(new ZipEntry("allure-" + AllureSite.VERSION + "/bin/allure"));
      z.write("#!/bin/sh\necho broken >&2\nexit 3\n".getBytes());
      z.closeEntry();
    }
    ReportFiles files = new ReportWriter(new AllureSite(zip, tmp.resolve("cache"), Duration.ofSeconds(20)))
        .write(SampleRuns.mixed(), tmp.resolve("out"));
    assertThat(files.allureSite()).isNull();
    assertThat(files.allureNote()).contains("exited with 3");
    assertThat(files.dir().resolve("allure-generate.log")).content().contains("broken");
  }

  @Test
  void unzipRefusesEntriesOutsideTheTarget() throws IOException {
    Path zip = tmp.resolve("slip.zip");
    try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
      z.putNextEntry(new ZipEntry("../evil.txt"));
      z.write(1);
      z.closeEntry();
    }
    Files.createDirectories(tmp.resolve("into"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AllureSite.unzip(zip, tmp.resolve("into")))
        .hasMessageContaining("outside");
    assertThat(tmp.resolve("evil.txt")).doesNotExist();
  }
}
