package dev.mallory.proxy;

import dev.mallory.attack.Attack;
import dev.mallory.attack.KeyStore;
import dev.mallory.control.ControlServer;
import dev.mallory.journal.Journal;
import dev.mallory.journal.Moment;
import dev.mallory.journal.Recorder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/**
 * The attacker: a man-in-the-middle HTTP proxy that classifies every request in TUF terms, records
 * every file upstream serves, journals every exchange, and lets applied {@link Attack}s decide what
 * the client gets instead.
 *
 * <pre>{@code
 * try (AttackerProxy proxy = AttackerProxy.reverse(URI.create("http://127.0.0.1:4443")).start()) {
 *   client.refresh(proxy.url());                       // recorded: timestamp v1
 *   publishAgain();
 *   try (var attack = proxy.apply(new Rollback(null, "timestamp", 1L))) {
 *     assertThrows(..., () -> client.refresh(proxy.url()));
 *   }
 *   proxy.journal().byAttackType("rollback");          // the evidence
 * }
 * }</pre>
 *
 * <p>Two modes. <b>Reverse</b>: the client is pointed at {@link #url()} and every request goes to
 * one upstream base URL (HTTP or HTTPS). <b>Forward</b>: the client uses it as {@code HTTP(S)_PROXY};
 * absolute-URI requests and {@code CONNECT} tunnels are accepted, tunnels are TLS-intercepted with
 * leaves from {@link #certificateAuthority()}. Forward mode never leaves loopback: a host name
 * goes to the address given by {@link ProxyBuilder#route}, or else to 127.0.0.1 on the port the
 * client asked for (so {@code https://notary.test:4453} reaches a server on 127.0.0.1:4453).
 *
 * <p>Decisions are per request: the set of applied attacks is read when a request arrives, so on a
 * keep-alive connection a change takes effect on the very next request.
 */
public final class AttackerProxy implements AutoCloseable {
  /** Every network thread of a proxy is named {@code mallory-proxy-<pool>-<n>}. */
  public static final String THREAD_PREFIX = "mallory-proxy";
  private final ProxySettings config;
  private final EventLoopGroup group;
  private final ExecutorService attackExecutor;
  private final UpstreamClient upstream;
  private final Journal journal;
  private final Recorder recorder;
  private final KeyStore keys = new KeyStore();
  /** Made on first use (see {@link #certificateAuthority()}). */
  private volatile CertificateAuthority ca;
  private final Object caLock = new Object();
  private final UpstreamRoutes routes;
  private final AttacksInForce attacks;
  private Channel listener;
  private ControlServer control;

  private AttackerProxy(ProxySettings config) {
    this.config = config;
    // Named threads: a profile or a thread dump shows which work is the proxy's own.
    this.group = new MultiThreadIoEventLoopGroup(config.threads(), new DefaultThreadFactory(THREAD_PREFIX),
        NioIoHandler.newFactory());
    AtomicInteger n = new AtomicInteger();
    this.attackExecutor = Executors.newFixedThreadPool(16, r -> {
      Thread t = new Thread(r, "mallory-attack-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.upstream = new UpstreamClient(group, upstreamTls(), config.connectTimeout(), config.upstreamTimeout(),
        config.maxResponseBytes());
    this.journal = new Journal(config.journalCapacity());
    this.recorder = new Recorder(config.recorderMaxBytes(), config.clock());
    this.routes = new UpstreamRoutes(config.upstream(), config.routes(), config.pathRoutes());
    this.attacks = new AttacksInForce(config.clock());
  }

  /** A reverse proxy in front of one upstream base URL ({@code http(s)://127.0.0.1:PORT[/base]}). */
  public static ProxyBuilder reverse(URI upstream) {
    return new ProxyBuilder(Objects.requireNonNull(upstream, "upstream"));
  }

  /** A forward proxy ({@code HTTP_PROXY}/{@code HTTPS_PROXY}, absolute URIs and CONNECT). */
  public static ProxyBuilder forward() {
    return new ProxyBuilder(null);
  }

  /** Binds a proxy with these settings: what {@link ProxyBuilder#start()} does. */
  static AttackerProxy start(ProxySettings settings) {
    AttackerProxy proxy = new AttackerProxy(settings);
    proxy.bind();
    return proxy;
  }

  private static SslContext upstreamTls() {
    try {
      // The attacker does not care who upstream is: it is the one holding the real server's place.
      return SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot build the upstream TLS context", e);
    }
  }

  private void bind() {
    ServerBootstrap server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            FrontendHandler.install(ch.pipeline(), AttackerProxy.this, null);
          }
        });
    try {
      listener = server.bind(new InetSocketAddress("127.0.0.1", config.port())).sync().channel();
      if (config.controlPort() >= 0) {
        control = ControlServer.start(this, config.controlPort(), group);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while binding", e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** {@code http://127.0.0.1:PORT}: what a client in reverse mode is pointed at. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port());
  }

  public int port() {
    return ((InetSocketAddress) listener.localAddress()).getPort();
  }

  /** {@code http://127.0.0.1:PORT} of the REST control API, if enabled. */
  public Optional<URI> controlUrl() {
    return Optional.ofNullable(control).map(ControlServer::url);
  }

  public boolean isForward() {
    return config.upstream() == null;
  }

  /** The upstream base URL in reverse mode. */
  public Optional<URI> upstreamUrl() {
    return Optional.ofNullable(config.upstream());
  }

  /**
   * Puts an attack in force from the next request on. Attacks are asked in the order applied; the
   * first to return an effect wins (see {@link Attack}).
   */
  public AppliedAttack apply(Attack attack) {
    return attacks.apply(attack);
  }

  /** Replaces every applied attack at once (REST {@code PUT /attacks}). */
  public List<AppliedAttack> replaceAll(List<Attack> newAttacks) {
    return attacks.replaceAll(newAttacks);
  }

  public List<AppliedAttack> attacks() {
    return attacks.list();
  }

  public Optional<AppliedAttack> attack(String id) {
    return attacks.find(id);
  }

  /** Removes one attack; false if no attack has that id. */
  public boolean remove(String id) {
    return attacks.remove(id);
  }

  /**
   * Back to an honest network between scenarios: removes every attack and clears the journal. The
   * recorder and key store are kept: they are what the attacker has learned and stolen.
   */
  public void reset() {
    attacks.clear();
    journal.clear();
  }

  public Journal journal() {
    return journal;
  }

  public Recorder recorder() {
    return recorder;
  }

  /** Keys handed to the attacker; attacks and the REST API name them. */
  public KeyStore keys() {
    return keys;
  }

  /** Shorthand for {@code recorder().mark(label)}: "the repository state now". */
  public Moment mark(String label) {
    return recorder.mark(label);
  }

  /**
   * "Capture the repository now": fetches the TUF repository at {@code /metadata/} from upstream
   * (every top-level role, every root version, every role the snapshot lists), records it and marks
   * it as the moment {@code label}, so that a freeze or mix-and-match can replay it even if no client
   * asked for those files. Blocks; not on the proxy's network threads.
   *
   * @throws CaptureException when upstream fails or the repository exceeds the spec's limits
   */
  public Capture capture(String label) {
    return capture(label, CaptureSpec.tuf());
  }

  /** As {@link #capture(String)} for any layout: {@code capture("before", CaptureSpec.notary(gun))}. */
  public Capture capture(String label, CaptureSpec spec) {
    return RepositoryCapture.run(this, label, spec);
  }

  /** {@link #capture(String, CaptureSpec)} off the caller's thread (the REST API's network thread). */
  public CompletableFuture<Capture> captureAsync(String label, CaptureSpec spec) {
    return CompletableFuture.supplyAsync(() -> capture(label, spec), attackExecutor);
  }

  /** True on one of this proxy's event loops, where nothing may block on upstream. */
  boolean onNetworkThread() {
    for (EventExecutor loop : group) {
      if (loop.inEventLoop()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The interception CA, generated on first use: only forward mode's TLS interception and the
   * clients told to trust it need one, and generating it cost about a tenth of the CPU of a
   * reverse-mode catalogue scenario.
   */
  public CertificateAuthority certificateAuthority() {
    CertificateAuthority made = ca;
    if (made == null) {
      synchronized (caLock) {
        made = ca;
        if (made == null) {
          made = CertificateAuthority.generate("Mallory interception CA");
          ca = made;
        }
      }
    }
    return made;
  }

  /** The interception CA as PEM, for clients to trust. */
  public String caPem() {
    return certificateAuthority().certificatePem();
  }

  Clock clock() {
    return config.clock();
  }

  UpstreamClient upstream() {
    return upstream;
  }

  Duration upstreamTimeout() {
    return config.upstreamTimeout();
  }

  int maxRequestBytes() {
    return config.maxRequestBytes();
  }

  /** Reverse mode: the upstream serving a client path (a path route, else the main upstream). */
  Origin reverseOrigin(String clientPath) {
    return routes.reverseOrigin(clientPath);
  }

  /** The path sent upstream for a client path: the reverse base path (of its route) is prepended. */
  String upstreamPath(String clientPath) {
    return routes.upstreamPath(clientPath);
  }

  /** Forward mode routing: named routes, else loopback on the same port. Never another address. */
  Origin route(String scheme, String host, int port) {
    return routes.route(scheme, host, port);
  }

  void decideAsync(Runnable task) {
    attackExecutor.execute(task);
  }

  @Override
  public void close() {
    if (control != null) {
      control.close();
    }
    if (listener != null) {
      listener.close().awaitUninterruptibly();
    }
    attackExecutor.shutdownNow();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
  }
}
