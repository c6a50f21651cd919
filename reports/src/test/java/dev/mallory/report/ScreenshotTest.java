package dev.mallory.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders the report in headless Chromium and checks a real picture came out. Set
 * {@code -Dmallory.example.png=<path>} to also save it (the README's docs/example-report.png).
 */
class ScreenshotTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @TempDir Path tmp;

  @Test
  void theReportRendersInHeadlessChromium() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM), "chromium is not installed (apt-get install -y chromium); no screenshot");
    ReportFiles files = new ReportWriter(AllureSite.disabled()).write(SampleRuns.demo(), tmp.resolve("out"));
    Path png = tmp.resolve("report.png");
    Process p = new ProcessBuilder(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + tmp.resolve("profile"), "--screenshot=" + png,
        "--window-size=1400,1000", files.html().toUri().toString()))
        .redirectErrorStream(true).redirectOutput(tmp.resolve("chromium.log").toFile()).start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    assertThat(png).as("chromium wrote no screenshot; log:\n" + Files.readString(tmp.resolve("chromium.log"))).exists();
    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes.length).isGreaterThan(10_000);
    assertThat(java.util.Arrays.copyOf(bytes, 8)).isEqualTo(PNG);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1400);
    assertThat(distinctColours(image)).as("a blank or single-colour page").isGreaterThan(50);
    String example = System.getProperty("mallory.example.png");
    if (example != null && !example.isBlank()) {
      Files.copy(png, Path.of(example), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static int distinctColours(BufferedImage image) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        colours.add(image.getRGB(x, y));
      }
    }
    return colours.size();
  }
}
