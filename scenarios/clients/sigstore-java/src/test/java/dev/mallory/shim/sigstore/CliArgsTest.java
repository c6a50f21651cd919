package dev.mallory.shim.sigstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CliArgsTest {
  @Test
  void optionsInAnyOrderRepeatedTargetNamesAndTrailingSlashes() throws UsageException {
    CliArgs args = CliArgs.parse(List.of("download", "--target-name", "a", "--target-dir=TD",
        "--metadata-dir", "MD", "--target-base-url", "http://h/t", "--target-name", "b/c",
        "--metadata-url", "http://h:1/m/"));

    assertEquals(new CliArgs(CliArgs.Command.DOWNLOAD, "MD", "http://h:1/m/", List.of("a", "b/c"), "TD",
        "http://h/t/", null, null), args);
  }

  @Test
  void initTakesTheTrustedRootAsItsArgument() throws UsageException {
    CliArgs args = CliArgs.parse(List.of("--metadata-dir", "MD", "init", "root.json"));
    assertEquals(CliArgs.Command.INIT, args.command());
    assertEquals("root.json", args.trustedRoot());
  }

  @Test
  void mistakesAreRefused() {
    for (List<String> argv : List.<List<String>>of(
        List.of(),
        List.of("--metadata-dir", "MD", "init"),
        List.of("--metadata-dir", "MD", "refresh"),
        List.of("--metadata-dir", "MD", "--metadata-url", "http://h/", "refresh", "extra"),
        List.of("--metadata-dir", "MD", "--metadata-url", "http://h/", "--target-dir", "T",
            "--target-base-url", "http://h/", "download"),
        List.of("--metadata-dir"),
        List.of("--metadata-dir", "MD", "--metadata-url", "h/no-scheme", "refresh"),
        List.of("--metadata-dir", "MD", "upgrade"))) {
      assertThrows(UsageException.class, () -> CliArgs.parse(argv), argv.toString());
    }
  }
}
