package dev.mallory.shim.sigstore;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
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
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Long-lived mode: a cold JVM with sigstore-java's 39 jars takes about a second to start, which
 * dominates a conformance call. This server keeps one warm JVM and runs each call in-process.
 *
 * <p>Protocol, one request per TCP connection on 127.0.0.1:
 *
 * <ul>
 *   <li>PORT_FILE holds {@code "<port> <token>\n"} (mode 0600, written atomically). The token keeps
 *       other local processes from having files written in our name.
 *   <li>request: one line of JSON {@code {"token":..,"argv":[..],"faketime":..|null,"cwd":".."}};
 *   <li>answer: the exit code as a decimal line, then the invocation's stderr, then close.
 * </ul>
 *
 * Calls run concurrently, one thread each: a call stalled by a slow-drip attack must not hold up
 * the others. Stop the server by its pid; a shutdown hook removes PORT_FILE.
 */
final class ShimServer implements AutoCloseable {
  private static final int MAX_REQUEST_BYTES = 1 << 20;
  private static final int REQUEST_READ_TIMEOUT_MS = 30_000;

  /** The JSON request line; field names are the wire format. */
  static final class Request {
    String token;
    List<String> argv;
    String faketime;
    String cwd;
  }

  private final ServerSocket socket;
  private final String token;
  private final Thread acceptor;
  private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "shim-call");
    t.setDaemon(true);
    return t;
  });

  private ShimServer(ServerSocket socket, String token) {
    this.socket = socket;
    this.token = token;
    this.acceptor = new Thread(this::acceptLoop, "shim-accept");
    this.acceptor.setDaemon(true);
  }

  /** Binds a free loopback port, publishes it in {@code portFile} and starts accepting. */
  static ShimServer start(Path portFile) throws IOException {
    byte[] secret = new byte[16];
    new SecureRandom().nextBytes(secret);
    ShimServer server = new ShimServer(
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

  /** {@code --serve}: run until the process is killed, then remove the port file. */
  static void serve(Path portFile) throws IOException, InterruptedException {
    ShimServer server = start(portFile);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        Files.deleteIfExists(portFile);
      } catch (IOException ignored) {
        // best effort: the process is going away
      }
    }));
    System.err.println("sigstore-java shim serving on 127.0.0.1:" + server.port());
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
        calls.execute(() -> handle(connection, token));
      } catch (IOException e) {
        // closed by close() (the loop ends), or a transient failure such as too many open
        // files: pause so that it cannot become a busy loop
        pause();
      }
    }
  }

  private void pause() {
    if (!socket.isClosed()) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void writePortFile(Path portFile, String content) throws IOException {
    Path dir = portFile.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".sigstore-shim", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, content, StandardCharsets.US_ASCII);
    Files.move(tmp, portFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static void handle(Socket socket, String token) {
    try (socket) {
      socket.setSoTimeout(REQUEST_READ_TIMEOUT_MS);
      InputStream in = new BufferedInputStream(socket.getInputStream());
      String line = readLine(in);
      ByteArrayOutputStream stderr = new ByteArrayOutputStream();
      int code;
      try (PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
          CancelOnHangUp cancel = new CancelOnHangUp(in, Thread.currentThread())) {
        code = call(line, token, err);
      }
      OutputStream out = socket.getOutputStream();
      out.write((code + "\n").getBytes(StandardCharsets.US_ASCII));
      stderr.writeTo(out);
      out.flush();
    } catch (IOException e) {
      // The launcher went away (killed by its harness, say): nobody is left to tell.
    }
  }

  /**
   * A harness that gives up on a call kills the launcher; without this the call would go on inside
   * the server (sigstore-java obeys a mirror's Retry-After without a cap, three times). The
   * launcher never half-closes, so end-of-stream on the connection means it is gone: interrupt the
   * call. That ends sleeps (Retry-After, back-off) at once; a blocking socket read is not
   * interruptible and still ends only with sigstore-java's 60 s read timeout.
   */
  private static final class CancelOnHangUp implements AutoCloseable {
    private final Thread call;
    private boolean finished;

    CancelOnHangUp(InputStream connection, Thread call) {
      this.call = call;
      Thread watcher = new Thread(() -> watch(connection), "shim-hangup");
      watcher.setDaemon(true);
      watcher.start();
    }

    private void watch(InputStream connection) {
      while (true) {
        try {
          if (connection.read() == -1) {
            break;
          }
        } catch (java.net.SocketTimeoutException e) {
          continue; // the launcher is just waiting for a slow call
        } catch (IOException e) {
          break;
        }
      }
      synchronized (this) {
        if (!finished) {
          call.interrupt();
        }
      }
    }

    @Override
    public synchronized void close() {
      finished = true;
      Thread.interrupted(); // a hang-up that came too late must not leak into the next call
    }
  }

  private static int call(String line, String token, PrintStream err) {
    Request request;
    try {
      request = new Gson().fromJson(line, Request.class);
    } catch (JsonParseException e) {
      err.println(ErrorLine.of(new UsageException("bad request line: " + e.getMessage())));
      return ConformanceClient.EXIT_USAGE;
    }
    if (request == null || request.token == null || !MessageDigest.isEqual(
        request.token.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
      err.println(ErrorLine.of(new UsageException("bad or missing token")));
      return ConformanceClient.EXIT_USAGE;
    }
    if (request.argv == null || request.argv.contains(null) || request.cwd == null || !Path.of(request.cwd).isAbsolute()) {
      err.println(ErrorLine.of(new UsageException("request needs argv and an absolute cwd")));
      return ConformanceClient.EXIT_USAGE;
    }
    return ConformanceClient.run(request.argv, request.faketime, Path.of(request.cwd), err);
  }

  /** Reads up to the first newline, bounded, as UTF-8. */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (line.size() >= MAX_REQUEST_BYTES) {
        throw new IOException("request line over " + MAX_REQUEST_BYTES + " bytes");
      }
      line.write(b);
    }
    return line.toString(StandardCharsets.UTF_8);
  }
}
