package dev.mallory.proxy;

import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A raw HTTP/1.1 upstream on loopback whose every connection follows a script: for the n-th request
 * on the c-th connection it answers (keep-alive), closes (FIN) or resets (RST) without one byte of
 * answer, as a server with an idle timeout does when a request meets the close, closes mid-answer,
 * or keeps silent. It records every
 * connection and every request it read in full.
 *
 * <p>{@link #tls} makes it an HTTPS upstream with a certificate generated at run time: there, a
 * close is TLS's (JSSE sends close_notify, then the FIN), as a server that closes cleanly does.
 */
final class ScriptedUpstream implements AutoCloseable {
  /** Answer; close (FIN) or reset (RST) without a byte; close after half a status line; never answer. */
  enum Action { ANSWER, CLOSE, RESET, PARTIAL, SILENT }

  /** What to do with request {@code request} (from 0) on connection {@code connection} (from 0). */
  interface Script {
    Action on(int connection, int request);
  }

  /** A request as upstream read it, and the connection it came on. */
  record Seen(int connection, int request, String method, String body) {}

  private final ServerSocket server;
  private final boolean tls;
  private final Script script;
  private final AtomicInteger connections = new AtomicInteger();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();

  ScriptedUpstream(Script script) throws IOException {
    this(script, null);
  }

  /** Over TLS, presenting a leaf for 127.0.0.1 from a fresh CA (the proxy trusts any upstream). */
  static ScriptedUpstream tls(Script script) throws IOException {
    SslContext leaf = CertificateAuthority.generate("scripted upstream CA").serverContext("127.0.0.1");
    if (!(leaf instanceof JdkSslContext jdk)) {
      throw new IllegalStateException("expected a JDK TLS context for a blocking server, not " + leaf.getClass());
    }
    return new ScriptedUpstream(script, jdk.context());
  }

  private ScriptedUpstream(Script script, SSLContext tls) throws IOException {
    this.script = script;
    this.tls = tls != null;
    InetAddress loopback = InetAddress.getLoopbackAddress();
    // A TLS server socket hands out sockets that handshake on their first read, on their own thread.
    this.server = tls == null ? new ServerSocket(0, 50, loopback)
        : tls.getServerSocketFactory().createServerSocket(0, 50, loopback);
    Thread acceptor = new Thread(this::accept, "scripted-upstream");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  URI url() {
    return URI.create((tls ? "https" : "http") + "://127.0.0.1:" + server.getLocalPort());
  }

  /** Connections accepted so far. */
  int connections() {
    return connections.get();
  }

  List<Seen> seen() {
    return List.copyOf(seen);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        open.add(s);
        int c = connections.getAndIncrement();
        Thread t = new Thread(() -> serve(s, c), "scripted-upstream-" + c);
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket s, int connection) {
    try (s) {
      s.setSoTimeout(10_000); // a test that goes wrong ends, it does not hang
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      for (int n = 0; ; n++) {
        String head = readHead(in);
        if (head == null) {
          return; // the proxy closed the connection
        }
        String method = head.substring(0, head.indexOf(' '));
        byte[] body = in.readNBytes(contentLength(head));
        // Read in full before closing: unread bytes would turn a FIN into a RST.
        seen.add(new Seen(connection, n, method, new String(body, StandardCharsets.UTF_8)));
        Action action = script.on(connection, n);
        switch (action) {
          case RESET -> s.setSoLinger(true, 0);
          case PARTIAL -> out.write("HTTP/1.1 200".getBytes(StandardCharsets.US_ASCII));
          case SILENT -> in.transferTo(OutputStream.nullOutputStream()); // until the proxy gives up
          default -> { }
        }
        if (action != Action.ANSWER) {
          return;
        }
        byte[] answer = ("{\"connection\":" + connection + ",\"request\":" + n + "}").getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + answer.length
            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        if (!method.equals("HEAD")) {
          out.write(answer);
        }
        out.flush();
      }
    } catch (IOException | RuntimeException e) {
      // the connection ends; the test asserts on what was seen
    }
  }

  /** The request line and headers, or {@code null} at end of stream; at most 64 KiB. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while ((b = in.read()) != -1) {
      head.write(b);
      matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
      if (matched == 4) {
        return head.toString(StandardCharsets.US_ASCII);
      }
      if (head.size() > 64 * 1024) {
        throw new IOException("request head over 64 KiB");
      }
    }
    return null;
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    return 0;
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : open) {
      s.close();
    }
  }
}
