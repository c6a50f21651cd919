package dev.mallory.sut.server;

import dev.mallory.external.ManagedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
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
public final class CommandServer extends LaunchedServer {
  private static final int START_ATTEMPTS = 3;

  private final List<String> commandTemplate;
  private final Path workDir;
  private ManagedProcess process;
  private int starts;

  public CommandServer(List<String> command, String configTemplate, Path workDir, Duration startTimeout) {
    super(configTemplate, startTimeout);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("cmd: needs a command line, e.g. cmd:notary-server -config {config}");
    }
    if (command.stream().noneMatch(a -> a.contains("{port}") || a.contains("{config}"))) {
      throw new IllegalArgumentException("cmd: the command must contain {config} or {port} so Mallory can give the server a free port: " + command);
    }
    this.commandTemplate = List.copyOf(command);
    this.workDir = workDir.toAbsolutePath();
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
  public String description() {
    return String.join(" ", commandTemplate) + (process == null ? " (not started)"
        : " (pid " + process.pid() + (process.isAlive() ? "" : ", exited") + ") on " + url()
            + healthyAfter());
  }

  @Override
  public synchronized void start() {
    if (running()) {
      return;
    }
    ServerStartException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      pickPort();
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

  @Override
  boolean running() {
    return process != null && process.isAlive();
  }

  @Override
  public synchronized Optional<String> exitReport() {
    return process == null || process.isAlive() ? Optional.empty()
        : Optional.of(process + ":\n" + process.logTail());
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

  @Override
  void launch() {
    starts++;
    Path config;
    try {
      Files.createDirectories(workDir);
      config = workDir.resolve("server-config.json");
      Files.writeString(config, renderConfig(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the server config in " + workDir, e);
    }
    List<String> command = commandTemplate.stream()
        .map(a -> a.replace("{port}", Integer.toString(port())).replace("{config}", config.toString()).replace("{workdir}", workDir.toString()))
        .toList();
    long begin = System.nanoTime();
    try {
      process = ManagedProcess.start("server-" + starts, command, workDir, Map.of(), workDir.resolve("logs"));
    } catch (UncheckedIOException e) {
      throw new ServerStartException("cannot start " + command + ": " + e.getCause().getMessage(), e);
    }
    ManagedProcess started = process;
    awaitHealthy(begin, started::isAlive, name() + " (pid " + started.pid() + ")", started::logTail);
  }
}
