package dev.mallory.cli;

import dev.mallory.sut.server.ServerUnderTest;
import dev.mallory.sut.server.Servers;
import dev.mallory.sut.server.ServersOptions;

import dev.mallory.engine.Catalogue;
import dev.mallory.engine.MalloryRun;
import dev.mallory.engine.RunContext;
import dev.mallory.engine.RunOptions;
import dev.mallory.engine.SystemUnderTest;
import dev.mallory.report.Progress;
import dev.mallory.report.ReportFiles;
import dev.mallory.report.ReportWriter;
import dev.mallory.report.RunResult;
import dev.mallory.report.AllureSite;
import dev.mallory.report.SystemInfo;
import dev.mallory.report.SystemKind;
import dev.mallory.sut.ClientFactory;
import dev.mallory.sut.Clients;
import dev.mallory.sut.ClientsOptions;
import dev.mallory.sut.ExpectedFailures;
import dev.mallory.sut.ReferenceClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mallory run}: the catalogue against each client under test, a report, and an exit code
 * computed from the same verdicts as the report.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run the attack catalogue against clients under test and write a report.")
final class RunCommand implements Callable<Integer> {
  @Option(names = "--client", paramLabel = "SPEC",
      description = "Client under test, repeatable: reference (default), tuf-js, sigstore-java, cli:/path/to/client, "
          + "naive:signature-only, naive:unchecked-payload, naive:tofu; the real notary client: "
          + "notary[:tofu|no-tofu|pinned|ca=/path/ca.pem][@reference|notary-server], its scenario repositories served by "
          + "Mallory's reference server (default) or by the real notary-server (started once for the run; scenarios it "
          + "cannot host are NOT_APPLICABLE); image pull clients for content_trust.feature: "
          + "pull:reference|naive[@tuf|notary|real] (only the @content-trust scenarios apply to them).")
  List<String> clients = new ArrayList<>();

  @Option(names = "--server", paramLabel = "SPEC",
      description = "Notary-compatible server under test, repeatable: reference, reference:auth, url:http://127.0.0.1:PORT, "
          + "cmd:'notary-server -config {config}', image:mallory/notary-server:local. With --server the systems are servers "
          + "and only the @server-validation scenarios run (client scenarios do not apply).")
  List<String> servers = new ArrayList<>();

  @Option(names = "--server-config", paramLabel = "FILE",
      description = "Config template for cmd: and image: servers, with {port} (default: notary-server, plain HTTP, memory storage).")
  Path serverConfig;

  @Option(names = "--features", description = "Feature file or directory (default: the project's features/).")
  Path features;

  @Option(names = "--tags", description = "Cucumber tag expression, e.g. '@rollback and not @waits'.")
  String tags;

  @Option(names = "--name", paramLabel = "REGEX",
      description = "Only scenarios whose title contains a match of REGEX (e.g. 'replayed older timestamp').")
  String name;

  @Option(names = "--order", paramLabel = "ORDER",
      description = "lexical (default), reverse, random or random:SEED. Scenarios are independent: any order gives the same verdicts.")
  String order = "lexical";

  @Option(names = "--report-dir", description = "Where reports go (default: reports/out).")
  Path reportDir;

  @Option(names = "--expected-failures", paramLabel = "FILE",
      description = "Expected-failures file applied to every client (default: each client's own <client>.xfails).")
  Path expectedFailures;

  @Option(names = "--threads", description = "Scenarios run in parallel (default: ${DEFAULT-VALUE}).")
  int threads = 4;

  @Option(names = "--work-dir", description = "Scratch directory for scenario files (default: a temporary directory).")
  Path workDir;

  @Option(names = "--no-allure-site", description = "Skip generating the Allure HTML site (the results are still written).")
  boolean noAllureSite;

  private RunOptions options(Path featuresPath, Optional<String> tagExpression, Path work) {
    try {
      RunOptions o = new RunOptions(featuresPath, tagExpression, threads, work).withOrder(order);
      return name == null ? o : o.withName(name);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), e.getMessage());
    }
  }

  @Override
  public Integer call() throws Exception {
    Path featuresPath = features != null ? features : ProjectLayout.features();
    List<String> requested = clients.isEmpty() ? List.of("reference") : clients;
    if (tags == null && requested.stream().allMatch(dev.mallory.sut.pull.PullSystem::isPullSpec)) {
      tags = "@content-trust"; // pull clients run nothing else: keep the report free of NOT_APPLICABLE rows
    }
    Optional<String> tagExpression = Optional.ofNullable(tags);
    if (!servers.isEmpty()) {
      if (!clients.isEmpty()) {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
            "--server and --client select different catalogues: run them separately");
      }
      return runServers(featuresPath, tagExpression);
    }
    java.util.regex.Pattern title = options(featuresPath, tagExpression, Path.of(".")).name()
        .map(java.util.regex.Pattern::compile).orElse(java.util.regex.Pattern.compile("")); // validates --name, --order first
    int perSystem = (int) Catalogue.read(featuresPath, tagExpression.map(t -> "(" + t + ") and not " + MalloryRun.SERVER_TAG)
        .or(() -> Optional.of("not " + MalloryRun.SERVER_TAG))).stream().filter(e -> title.matcher(e.title()).find()).count();
    List<String> specs = clients.isEmpty() ? List.of("reference") : clients;
    ClientsOptions options = ClientsOptions.defaults();
    Optional<ReferenceClient> reference = ServiceLoader.load(ReferenceClient.class).findFirst();
    if (reference.isPresent()) {
      options = options.withReference(reference.get());
    }
    Optional<ExpectedFailures> common = Optional.ofNullable(expectedFailures).map(ExpectedFailures::load);
    List<ClientFactory> factories = new ArrayList<>();
    try {
      List<SystemUnderTest> systems = new ArrayList<>();
      for (String spec : specs) {
        ClientFactory factory = Clients.fromSpec(spec, options);
        factories.add(factory);
        ExpectedFailures xfails = common.orElse(factory.expectedFailures());
        RunContext.ExpectedToFail expected = (id, feature, tagList) -> xfails.match(id, feature, tagList).isPresent();
        systems.add(new SystemUnderTest(describe(factory.name()), factory.capabilities(), factory::newClient, expected,
            factory.backend()));
      }
      Path work = workDir != null ? workDir : Files.createTempDirectory("mallory-run-");
      return runAndReport(options(featuresPath, tagExpression, work), systems, perSystem);
    } finally {
      for (ClientFactory factory : factories) {
        factory.close();
      }
    }
  }

  /** The server-validation scenarios against each --server, one fresh server per scenario. */
  private Integer runServers(Path featuresPath, Optional<String> tagExpression) throws Exception {
    Optional<String> serverTags = Optional.of(tagExpression.map(t -> "(" + t + ") and " + MalloryRun.SERVER_TAG)
        .orElse(MalloryRun.SERVER_TAG));
    int perSystem = Catalogue.read(featuresPath, serverTags).size();
    Path work = workDir != null ? workDir : Files.createTempDirectory("mallory-run-");
    Optional<ExpectedFailures> common = Optional.ofNullable(expectedFailures).map(ExpectedFailures::load);
    RunContext.ExpectedToFail expected = common.<RunContext.ExpectedToFail>map(x -> (id, feature, tagList) -> x.match(id, feature, tagList).isPresent())
        .orElse(RunContext.ExpectedToFail.NONE);
    List<SystemUnderTest> systems = new ArrayList<>();
    for (String spec : servers) {
      ServersOptions options = ServersOptions.in(work.resolve("servers"));
      if (serverConfig != null) {
        options = options.withConfigTemplate(serverConfig);
      }
      ServersOptions fixed = options;
      ServerUnderTest probe = Servers.fromSpec(spec, fixed); // validates the spec now, starts nothing
      java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
      systems.add(SystemUnderTest.forServer(describeServer(probe.name()),
          () -> Servers.fromSpec(spec, fixed.withWorkDir(work.resolve("servers").resolve("s" + n.incrementAndGet()))), expected));
    }
    return runAndReport(options(featuresPath, tagExpression, work), systems, perSystem);
  }

  /** Runs the systems, writes the reports, prints the one-line summary; the exit code follows the verdicts. */
  private int runAndReport(RunOptions runOptions, List<SystemUnderTest> systems, int perSystem) throws java.io.IOException {
    RunResult result;
    try (Progress progress = Progress.toTerminal(perSystem * systems.size())) {
      result = MalloryRun.run(runOptions, systems, progress::finished);
    }
    ReportWriter writer = noAllureSite ? new ReportWriter(AllureSite.disabled()) : new ReportWriter();
    ReportFiles files = writer.write(result, reportDir != null ? reportDir : ProjectLayout.reportsOut());
    System.out.println(result.summaryLine());
    System.out.println("mallory: report " + files.html());
    return result.exitCode();
  }

  static SystemInfo describeServer(String name) {
    if (name.startsWith("reference")) {
      return new SystemInfo(name, SystemKind.REFERENCE, "Mallory's reference Notary server (in-process)"
          + (name.endsWith(":auth") ? ", push authorisation on" : ""));
    }
    return new SystemInfo(name, SystemKind.THIRD_PARTY, "Notary-compatible server " + name);
  }

  private static SystemInfo describe(String name) {
    if (name.equals("reference")) {
      return new SystemInfo(name, SystemKind.REFERENCE, "Mallory's reference TUF client (in-process)");
    }
    if (name.startsWith("naive")) {
      return new SystemInfo(name, SystemKind.NAIVE_TEACHING, "a deliberately naive client modelled on a historical design");
    }
    if (dev.mallory.sut.pull.PullSystem.isPullSpec(name)) {
      dev.mallory.sut.pull.PullSystem pull = dev.mallory.sut.pull.PullSystem.parse(name);
      boolean reference = pull.puller() == dev.mallory.sut.pull.PullSystem.Puller.REFERENCE;
      return new SystemInfo(name, reference ? SystemKind.REFERENCE : SystemKind.NAIVE_TEACHING,
          (reference ? "Mallory's Docker Content Trust pull" : "Docker 1.3's naive \"verified\" pull")
              + " against the " + pull.backend().id() + " backend");
    }
    if (name.equals("notary") || name.startsWith("notary:") || name.startsWith("notary@")) {
      return new SystemInfo(name, SystemKind.THIRD_PARTY, "the notary client (Debian 0.7.0) against "
          + (name.endsWith("@" + dev.mallory.sut.backend.RepositoryBackend.NOTARY_SERVER)
              ? "the real notary-server (Debian 0.7.0)" : "Mallory's reference server") + ", through the attacker proxy");
    }
    if (name.equals("tuf-js") || name.equals("sigstore-java")) {
      return new SystemInfo(name, SystemKind.THIRD_PARTY, name + " through its conformance-protocol shim");
    }
    return new SystemInfo(name, SystemKind.UNDER_TEST, "client under test");
  }
}
