package dev.mallory.sut;

import dev.mallory.client.errors.Reason;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How CliClient reads exit codes, timeouts and missing binaries, with tiny shell-script clients. */
class CliClientFaultsTest {
  @TempDir Path work;

  private ClientSetup setup() {
    return new ClientSetup(work.resolve("scenario"), "{}".getBytes(), java.net.URI.create("http://127.0.0.1:9/metadata/"),
        java.net.URI.create("http://127.0.0.1:9/targets/"), null, null);
  }

  private Path script(String name, String body) throws Exception {
    Path file = work.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  private CliClient client(Path executable, Duration timeout) {
    return new CliClient(ClientDescriptor.forExecutable(executable), List.of(executable.toString()), Map.of(), timeout);
  }

  @Test
  void aClientDeclaringMirrorsIsRejectedBecauseTheProtocolHasOneMetadataUrl() {
    ClientDescriptor mirrors = new ClientDescriptor("two-mirrors", java.util.Set.of(Capability.TUF_LAYOUT, Capability.MIRRORS),
        java.util.Optional.empty());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CliClient(mirrors, List.of("/bin/true"), Map.of(), Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("single --metadata-url");
  }

  @Test
  void aMissingBinaryIsAHarnessFault() {
    CliClient client = client(work.resolve("no-such-client"), Duration.ofSeconds(5));
    ClientOutcome outcome = client.init(setup());
    assertThat(outcome).isInstanceOf(ClientOutcome.HarnessFault.class);
    assertThat(outcome.describe()).contains("no-such-client");
  }

  @Test
  void aHangingClientTimesOutAndItsProcessIsGone() throws Exception {
    Path pidFile = work.resolve("pid");
    Path hang = script("hang", "echo $$ > " + pidFile + "\nexec sleep 300");
    CliClient client = client(hang, Duration.ofMillis(1500));
    ClientOutcome outcome = client.init(setup());
    assertThat(outcome).isInstanceOf(ClientOutcome.TimedOut.class);
    long pid = Long.parseLong(Files.readString(pidFile).strip());
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
  }

  @Test
  void exitCodesMapToTheProtocol() throws Exception {
    Path args = work.resolve("args");
    Path ok = script("ok", "echo \"$@\" > " + args + "\necho done");
    CliClient accepting = client(ok, Duration.ofSeconds(10));
    assertThat(accepting.init(setup())).isInstanceOf(ClientOutcome.Accepted.class);
    assertThat(accepting.refresh()).isInstanceOf(ClientOutcome.Accepted.class);
    assertThat(Files.readString(args)).contains("--metadata-url http://127.0.0.1:9/metadata/", "--metadata-dir", "refresh");
    assertThat(accepting.download(List.of("a.txt", "b/c.txt"))).isInstanceOf(ClientOutcome.Accepted.class);
    assertThat(Files.readString(args)).contains("--target-name a.txt --target-name b/c.txt", "--target-dir", "--target-base-url", "download");
    assertThat(setup().workDir().resolve("trusted-root.json")).as("the harness removes the out-of-band root after init").doesNotExist();

    CliClient refusing = client(script("refuse", "echo 'debug: version 5 of everything' >&2\necho 'ERROR BadVersionError: New timestamp version 1 is less than current version 2' >&2\nexit 1"), Duration.ofSeconds(10));
    refusing.init(setup());
    ClientOutcome refused = refusing.refresh();
    assertThat(refused).isEqualTo(new ClientOutcome.Refused(Optional.of(Reason.ROLLBACK),
        "ERROR BadVersionError: New timestamp version 1 is less than current version 2", refused.elapsed()));

    CliClient mute = client(script("mute", "exit 1"), Duration.ofSeconds(10));
    mute.init(setup());
    assertThat(mute.refresh()).isInstanceOfSatisfying(ClientOutcome.Refused.class, r -> assertThat(r.reason()).isEmpty());

    CliClient crashing = client(script("crash", "echo 'boom' >&2\nexit 3"), Duration.ofSeconds(10));
    crashing.init(setup());
    assertThat(crashing.refresh()).isInstanceOf(ClientOutcome.HarnessFault.class);
  }

  @Test
  void theSidecarDescriptorNamesCapabilitiesAndHarnessFaults() throws Exception {
    Path setupError = script("fragile", "echo 'ERROR SetupError: not installed' >&2\nexit 1");
    Files.writeString(ClientDescriptor.sidecarOf(setupError),
        "# only top-level metadata\ncapabilities = TUF_LAYOUT, download\nharness-fault = ^ERROR SetupError:\nname = fragile-client\n");
    CliClient client = client(setupError, Duration.ofSeconds(10));
    assertThat(client.name()).isEqualTo("fragile-client");
    assertThat(client.capabilities()).containsExactlyInAnyOrder(Capability.TUF_LAYOUT, Capability.DOWNLOAD);
    client.init(setup());
    assertThat(client.refresh()).isInstanceOf(ClientOutcome.HarnessFault.class);

    Path plain = script("plain", "exit 0");
    assertThat(ClientDescriptor.forExecutable(plain).capabilities()).isEqualTo(ClientDescriptor.TUF_CLIENT);
  }

  @Test
  void aClientDeclaringReferenceTimeGetsTheScenariosTimeOnEveryCommand_othersGetNone() throws Exception {
    Path seen = work.resolve("seen");
    String body = "echo \"$@ FAKETIME=$FAKETIME\" >> " + seen;
    Path timed = script("timed", body);
    Files.writeString(ClientDescriptor.sidecarOf(timed), "capabilities = TUF_LAYOUT, DOWNLOAD, REFERENCE_TIME\n");
    MovableClock clock = new MovableClock(Clock.fixed(Instant.parse("2030-01-02T03:04:05.678912Z"), ZoneOffset.UTC));
    ClientSetup onTheScenarioClock = new ClientSetup(work.resolve("timed-scenario"), "{}".getBytes(),
        java.net.URI.create("http://127.0.0.1:9/metadata/"), java.net.URI.create("http://127.0.0.1:9/targets/"), null, null).withClock(clock);

    CliClient client = client(timed, Duration.ofSeconds(10));
    client.init(onTheScenarioClock);
    clock.advance(Duration.ofDays(1));
    client.refresh();

    assertThat(Files.readAllLines(seen)).containsExactly(
        "--reference-time 2030-01-02T03:04:05.678Z --metadata-dir " + onTheScenarioClock.metadataDir() + " init "
            + onTheScenarioClock.workDir().resolve("trusted-root.json") + " FAKETIME=@1893553445",
        "--reference-time 2030-01-03T03:04:05.678Z --metadata-url http://127.0.0.1:9/metadata/ --metadata-dir "
            + onTheScenarioClock.metadataDir() + " refresh FAKETIME=@1893639845");

    Path untimed = script("untimed", body);
    CliClient other = client(untimed, Duration.ofSeconds(10));
    other.init(new ClientSetup(work.resolve("untimed-scenario"), "{}".getBytes(), java.net.URI.create("http://127.0.0.1:9/metadata/"),
        java.net.URI.create("http://127.0.0.1:9/targets/"), null, null).withClock(clock));
    assertThat(Files.readAllLines(seen).get(2)).doesNotContain("--reference-time").endsWith("FAKETIME=");
  }

  @Test
  void commandsBeforeInitAreHarnessFaults() throws Exception {
    CliClient client = client(script("ok2", "exit 0"), Duration.ofSeconds(10));
    assertThat(client.refresh()).isInstanceOf(ClientOutcome.HarnessFault.class);
    assertThat(client.trustedVersions()).isEmpty();
  }

  @Test
  void trustedVersionsSkipFilesThatAreNotMetadataAndSayWhy() throws Exception {
    Path dir = work.resolve("md");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("root.json"), "{\"signed\":{\"version\":3},\"signatures\":[]}");
    Files.writeString(dir.resolve("a%2Fb.json"), "{\"signed\":{\"version\":7},\"signatures\":[]}");
    Files.writeString(dir.resolve("timestamp.json"), "{not json");
    Files.writeString(dir.resolve("snapshot.json"), "{\"signed\":{\"version\":\"2\"}}");
    TrustedMetadataDir read = TrustedMetadataDir.read(dir);
    assertThat(read.versions()).isEqualTo(Map.of("root", 3L, "a/b", 7L));
    assertThat(read.notes()).hasSize(2).anySatisfy(n -> assertThat(n).startsWith("timestamp.json: not JSON"));
  }

  @Test
  void storedTargetsAreFoundByPathOrEncodedNameButNeverOutsideTheDirectory() throws Exception {
    Path tdir = work.resolve("t");
    Files.createDirectories(tdir.resolve("dir"));
    Files.writeString(tdir.resolve("dir%2Fflat.txt"), "flat");
    Files.writeString(tdir.resolve("dir/nested.txt"), "nested");
    Files.writeString(work.resolve("secret"), "outside");
    assertThat(StoredTargets.find(tdir, "dir/flat.txt")).map(String::new).contains("flat");
    assertThat(StoredTargets.find(tdir, "dir/nested.txt")).map(String::new).contains("nested");
    assertThat(StoredTargets.find(tdir, "../secret")).isEmpty();
  }
}
