package dev.mallory.cli;

import dev.mallory.proxy.AttackerProxy;
import dev.mallory.proxy.ProxyBuilder;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mallory proxy}: the attacker proxy standalone, driven through its REST control API.
 * Runs until interrupted (Ctrl-C / SIGTERM).
 */
@Command(
    name = "proxy",
    mixinStandardHelpOptions = true,
    description = {
      "Run the attacker proxy standalone; control it over REST (see the README, section The attacker proxy).",
      "Reverse mode: --upstream URL. Forward mode: --forward (HTTP(S)_PROXY, CONNECT with TLS interception)."
    })
public final class ProxyCommand implements Callable<Integer> {
  @Option(names = "--upstream", paramLabel = "URL", description = "Reverse mode: the upstream base URL (http or https).")
  URI upstream;

  @Option(names = "--forward", description = "Forward-proxy mode (absolute URIs and CONNECT).")
  boolean forward;

  @Option(names = "--port", defaultValue = "0", description = "Proxy port on 127.0.0.1 (0 = free port; default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--control-port", defaultValue = "0", description = "REST control port on 127.0.0.1 (0 = free port).")
  int controlPort;

  @Option(names = "--route", paramLabel = "HOST=PORT",
      description = "Forward mode: send HOST (any port) to 127.0.0.1:PORT. Unrouted hosts go to 127.0.0.1 on the port asked for.")
  List<String> routes = List.of();

  @Option(names = "--ca-out", paramLabel = "FILE", description = "Write the interception CA certificate (PEM) here.")
  Path caOut;

  @Option(names = "--upstream-timeout", defaultValue = "30", description = "Seconds for upstream's whole answer.")
  int upstreamTimeoutSeconds;

  @Override
  public Integer call() throws Exception {
    if (forward == (upstream != null)) {
      System.err.println("mallory proxy: give exactly one of --upstream URL and --forward");
      return Mallory.HARNESS_ERROR;
    }
    ProxyBuilder builder = forward ? AttackerProxy.forward() : AttackerProxy.reverse(upstream);
    for (String route : routes) {
      int eq = route.indexOf('=');
      if (eq < 1) {
        System.err.println("mallory proxy: --route takes HOST=PORT, not " + route);
        return Mallory.HARNESS_ERROR;
      }
      builder.route(route.substring(0, eq), new InetSocketAddress("127.0.0.1", Integer.parseInt(route.substring(eq + 1))));
    }
    builder.port(port).controlPort(controlPort).upstreamTimeout(java.time.Duration.ofSeconds(upstreamTimeoutSeconds));
    CountDownLatch stop = new CountDownLatch(1);
    try (AttackerProxy proxy = builder.start()) {
      if (caOut != null) {
        Files.writeString(caOut, proxy.caPem());
      }
      System.out.println("mallory proxy: " + (forward ? "forward" : "reverse -> " + upstream) + " on " + proxy.url());
      System.out.println("mallory proxy: control API on " + proxy.controlUrl().orElseThrow());
      if (caOut != null) {
        System.out.println("mallory proxy: interception CA written to " + caOut);
      }
      System.out.flush();
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      stop.await();
    }
    return Mallory.OK;
  }
}
