package dev.mallory.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code mallory client --serve PORT_FILE}: one warm JVM running many conformance-protocol calls,
 * because a cold JVM start (1-2 s) dominates a call that takes milliseconds once warm. Launcher:
 * {@code scenarios/clients/mallory-client} with {@code MALLORY_CLIENT_SERVER=PORT_FILE}.
 *
 * <p>Protocol, one call per TCP connection on 127.0.0.1:
 *
 * <ul>
 *   <li>PORT_FILE holds {@code <port> <token>} (mode 0600, written atomically; removed at exit). The
 *       random token keeps other local users from running calls (writing files) as us.
 *   <li>request: one line of JSON, {@code {"token":..,"cwd":"/abs","faketime":..|null,"argv":[..]}};
 *       relative paths in argv resolve against cwd, faketime stands for the caller's FAKETIME.
 *   <li>answer: the exit code on one line, then the call's stderr, then the server closes.
 * </ul>
 *
 * Calls run concurrently, one thread each (a call stalled by a slow-retrieval attack must not hold
 * up others); each call has its own {@code Updater}, so calls share nothing but the JVM.
 */
final class ClientServer implements AutoCloseable {
  private static final int MAX_REQUEST_BYTES = 1 << 20;
  private static final int REQUEST_READ_TIMEOUT_MS = 30_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServerSocket socket;
  private final String token;
  private final Thread acceptor;
  private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "client-call");
    t.setDaemon(true);
    return t;
  });

  private ClientServer(ServerSocket socket, String token) {
    this.socket = socket;
    this.token = token;
    this.acceptor = new Thread(this::acceptLoop, "client-accept");
    this.acceptor.setDaemon(true);
  }

  /** Binds a free loopback port, publishes it in {@code portFile} and starts accepting. */
  static ClientServer start(Path portFile) throws IOException {
    byte[] secret = new byte[16];
    new SecureRandom().nextBytes(secret);
    ClientServer server = new ClientServer(
        new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), HexFormat.of().formatHex(secret));
    try {
      writePortFile(portFile, server.port() + " " + server.token + "\n");
    } catch (IOException e) {
      server.close();
      throw e;
    }
    server.acceptor.start();
    return server;
  }

  /** Runs until the process is killed; a shutdown hook removes the port file. */
  static void serve(Path portFile) throws IOException, InterruptedException {
    ClientServer server = start(portFile);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        Files.deleteIfExists(portFile);
      } catch (IOException ignored) {
        // best effort: the process is going away
      }
    }));
    System.err.println("mallory client serving on 127.0.0.1:" + server.port() + " (port file " + portFile + ")");
    server.acceptor.join();
  }

  int port() {
    return socket.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    socket.close();
    calls.shutdownNow();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        calls.execute(() -> handle(connection));
      } catch (IOException e) {
        if (!socket.isClosed()) {
          try {
            Thread.sleep(100); // e.g. out of file descriptors: no busy loop
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }
  }

  private static void writePortFile(Path portFile, String content) throws IOException {
    Path dir = portFile.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".mallory-client", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, content, StandardCharsets.US_ASCII);
    Files.move(tmp, portFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private void handle(Socket connection) {
    try (connection) {
      connection.setSoTimeout(REQUEST_READ_TIMEOUT_MS);
      String line = readLine(new java.io.BufferedInputStream(connection.getInputStream()));
      StringWriter err = new StringWriter();
      int code;
      try (PrintWriter errWriter = new PrintWriter(err, true);
          PrintWriter outWriter = new PrintWriter(new StringWriter(), true)) {
        code = call(line, errWriter, outWriter);
      }
      OutputStream out = connection.getOutputStream();
      out.write((code + "\n").getBytes(StandardCharsets.US_ASCII));
      out.write(err.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      // the launcher went away: nobody is left to answer
    }
  }

  private int call(String line, PrintWriter err, PrintWriter out) {
    JsonNode request;
    try {
      request = JSON.readTree(line);
    } catch (IOException e) {
      err.println("ERROR launcher: bad request line");
      return Mallory.HARNESS_ERROR;
    }
    JsonNode sent = request == null ? null : request.get("token");
    if (sent == null || !sent.isTextual() || !MessageDigest.isEqual(
        sent.asText().getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
      err.println("ERROR launcher: bad or missing token");
      return Mallory.HARNESS_ERROR;
    }
    JsonNode argv = request.get("argv");
    JsonNode cwd = request.get("cwd");
    if (argv == null || !argv.isArray() || cwd == null || !cwd.isTextual() || !Path.of(cwd.asText()).isAbsolute()) {
      err.println("ERROR launcher: the request needs argv and an absolute cwd");
      return Mallory.HARNESS_ERROR;
    }
    List<String> args = new ArrayList<>();
    for (JsonNode a : argv) {
      if (!a.isTextual()) {
        err.println("ERROR launcher: argv holds strings only");
        return Mallory.HARNESS_ERROR;
      }
      args.add(a.asText());
    }
    JsonNode faketime = request.get("faketime");
    String fake = faketime == null || faketime.isNull() ? null : faketime.asText();
    return ClientCommand.execute(args, Path.of(cwd.asText()), fake, out, err);
  }

  /** Reads up to the first newline, bounded, as UTF-8. */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    byte[] one = new byte[1];
    while (in.read(one) == 1 && one[0] != '\n') {
      if (line.size() >= MAX_REQUEST_BYTES) {
        throw new IOException("request line over " + MAX_REQUEST_BYTES + " bytes");
      }
      line.write(one[0]);
    }
    return line.toString(StandardCharsets.UTF_8);
  }
}
