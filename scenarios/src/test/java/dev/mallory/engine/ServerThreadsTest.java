package dev.mallory.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mallory.report.SystemInfo;
import dev.mallory.report.SystemKind;
import dev.mallory.sut.ReferenceClientUnderTest;
import dev.mallory.sut.server.Servers;
import dev.mallory.sut.server.ServersOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenarios share a server someone else runs, so against it they run one at a time. */
class ServerThreadsTest {
  @TempDir Path dir;

  private SystemUnderTest server(String spec) {
    return SystemUnderTest.forServer(new SystemInfo(spec, SystemKind.THIRD_PARTY, spec),
        () -> Servers.fromSpec(spec, ServersOptions.in(dir)), RunContext.ExpectedToFail.NONE);
  }

  @Test
  void aServerGivenByUrlIsSharedByEveryScenario_soTheyRunOneAtATime() {
    SystemUnderTest shared = server("url:http://127.0.0.1:4443");
    assertThat(MalloryRun.threads(shared, 4)).isEqualTo(1);
    assertThat(List.of(MalloryRun.cucumberArgs(new RunOptions(dir, java.util.Optional.empty(), 4, dir), false, true,
        MalloryRun.threads(shared, 4)))).containsSequence("--threads", "1");
  }

  @Test
  void serversMalloryStartsFreshForEachScenario_runInParallelAsAsked() {
    assertThat(MalloryRun.threads(server("reference"), 4)).isEqualTo(4);
    assertThat(MalloryRun.threads(server("cmd:notary-server -config {config}"), 3)).isEqualTo(3);
    assertThat(MalloryRun.threads(server("image:mallory/notary-server:local"), 2)).isEqualTo(2);
  }

  @Test
  void clientSystemsRunInParallelAsAsked() {
    SystemUnderTest client = new SystemUnderTest(new SystemInfo("reference", SystemKind.REFERENCE, "reference"),
        ReferenceClientUnderTest.CAPABILITIES, ReferenceClientUnderTest::new, RunContext.ExpectedToFail.NONE);
    assertThat(MalloryRun.threads(client, 4)).isEqualTo(4);
  }
}
