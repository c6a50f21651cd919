package dev.mallory.sut.server;

import dev.mallory.external.FreePort;
import dev.mallory.external.ManagedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A server Mallory starts from a command line ({@code cmd:notary-server -config {config}}).
 *
 * <p>Placeholders in the arguments: {@code {port}} (a free 127.0.0.1 port, picked per start),
 * {@code {config}} (the config file Mallory writes from the template, with that port in it) and
 * {@code {workdir}}. At least one of {@code {port}} and {@code {config}} must appear, or Mallory
 * could not know where the server listens. The process runs in its own work dir with logs in
 * {@code logs/}, is healthy once {@code /_notary_server/health} answers 200, and is stopped by pid
 * (SIGTERM, then SIGKILL after a grace period; its descendants too).
 */
public final class CommandServer implements ServerUnderTest {
  private static final int START_ATTEMPTS = 3;

  private final List<String> commandTemplate;
  private final String configTemplate;
  private final Path workDir;
  private final Duration startTimeout;
  private int port;
  private ManagedProcess process;
  private Duration startupTime;
  private int starts;

  public CommandServer(List<String> command, String configTemplate, Path workDir, Duration startTimeout) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("cmd: needs a command line, e.g. cmd:notary-server -config {config}");
    }
    if (command.stream().noneMatch(a -> a.contains("{port}") || a.contains("{config}"))) {
      throw new IllegalArgumentException("cmd: the command must contain {config} or {port} so Mallory can give the server a free port: " + command);
    }
    this.commandTemplate = List.copyOf(command);
    this.configTemplate = configTemplate;
    this.workDir = workDir.toAbsolutePath();
    this.startTimeout = startTimeout;
  }

  /** Splits a command line: whitespace separates, single and double quotes group, backslash escapes. */
  public static List<String> split(String commandLine) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < commandLine.length(); i++) {
      char c = commandLine.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < commandLine.length()) {
          word.append(commandLine.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (c == '\\' && i + 1 < commandLine.length()) {
        word.append(commandLine.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("unbalanced quote in command line: " + commandLine);
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  @Override
  public String name() {
    return "cmd:" + Path.of(commandTemplate.get(0)).getFileName();
  }

  @Override
  public String storage() {
    return NotaryServerConfig.describeStorage(configTemplate);
  }

  @Override
  public String description() {
    return String.join(" ", commandTemplate) + (process == null ? " (not started)"
        : " (pid " + process.pid() + (process.isAlive() ? "" : ", exited") + ") on " + url()
            + (startupTime == null ? "" : ", healthy after " + startupTime.toMillis() + " ms"));
  }

  @Override
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      return;
    }
    ServerStartException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      port = FreePort.find();
      try {
        launch();
        return;
      } catch (ServerStartException e) {
        stop();
        last = e;
        if (!e.getMessage().contains("address already in use")) {
          throw e;
        }
      }
    }
    throw last;
  }

  @Override
  public URI url() {
    if (port == 0) {
      throw new IllegalStateException(name() + " is not started");
    }
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The pid of the current process (it changes on restart). */
  public long pid() {
    if (process == null) {
      throw new IllegalStateException(name() + " is not started");
    }
    return process.pid();
  }

  /** The current process, for its logs. */
  public Optional<ManagedProcess> process() {
    return Optional.ofNullable(process);
  }

  /** From exec to the first 200 on the health path, for the latest start. */
  public Duration startupTime() {
    return startupTime;
  }

  @Override
  public boolean isHealthy() {
    return process != null && process.isAlive() && Health.ok(url());
  }

  @Override
  public boolean restartable() {
    return true;
  }

  @Override
  public boolean killable() {
    return true;
  }

  /** Stops the process and starts the command again on the same port. */
  @Override
  public synchronized void restart() {
    stop();
    launch();
  }

  /** SIGKILL to the process and its descendants now. */
  @Override
  public synchronized void kill() {
    if (process != null) {
      process.kill();
    }
  }

  @Override
  public synchronized void stop() {
    if (process != null) {
      process.close();
    }
  }

  private void launch() {
    starts++;
    Path config;
    try {
      Files.createDirectories(workDir);
      config = workDir.resolve("server-config.json");
      Files.writeString(config, NotaryServerConfig.render(configTemplate, port), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the server config in " + workDir, e);
    }
    List<String> command = commandTemplate.stream()
        .map(a -> a.replace("{port}", Integer.toString(port)).replace("{config}", config.toString()).replace("{workdir}", workDir.toString()))
        .toList();
    long begin = System.nanoTime();
    try {
      process = ManagedProcess.start("server-" + starts, command, workDir, Map.of(), workDir.resolve("logs"));
    } catch (UncheckedIOException e) {
      throw new ServerStartException("cannot start " + command + ": " + e.getCause().getMessage(), e);
    }
    ManagedProcess started = process;
    Health.await(url(), startTimeout, started::isAlive, name() + " (pid " + started.pid() + ")", started::logTail);
    startupTime = Duration.ofNanos(System.nanoTime() - begin);
  }
}
