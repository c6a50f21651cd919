package dev.mallory.server;

import dev.mallory.repo.signing.SigningService;
import dev.mallory.repo.store.MetadataStore;
import dev.mallory.repo.update.UpdateService;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The reference server: one HTTP listener speaking the TUF layout and the Notary API over one
 * {@link MetadataStore}, with online keys in a {@link SigningService} it only asks to sign.
 *
 * <pre>{@code
 * try (MalloryServer server = MalloryServer.start(ServerConfig.defaults(), store, signer, Clock.systemUTC())) {
 *   URI base = server.url(); // http://127.0.0.1:<port>
 * }
 * }</pre>
 */
public final class MalloryServer implements AutoCloseable {
  private final EventLoopGroup boss;
  private final EventLoopGroup io;
  private final ExecutorService workers;
  private final Channel channel;
  private final UpdateService updates;
  private final ServerConfig config;

  private MalloryServer(ServerConfig config, UpdateService updates) throws InterruptedException {
    this.config = config;
    this.updates = updates;
    this.boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    this.io = new MultiThreadIoEventLoopGroup(0, NioIoHandler.newFactory());
    this.workers = Executors.newFixedThreadPool(Math.max(4, Runtime.getRuntime().availableProcessors()), r -> {
      Thread t = new Thread(r, "mallory-server-worker");
      t.setDaemon(true);
      return t;
    });
    HttpHandler handler = new HttpHandler(new Router(updates, config), workers);
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(boss, io)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline()
                .addLast(new IdleStateHandler(0, 0, config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .addLast(new HttpServerCodec())
                // Bounds every body; larger requests get 413 before anything is buffered.
                .addLast(new HttpObjectAggregator(config.maxBodyBytes()))
                .addLast(handler);
          }
        });
    try {
      this.channel = bootstrap.bind(new InetSocketAddress(config.host(), config.port())).sync().channel();
    } catch (InterruptedException | RuntimeException e) {
      shutdown();
      throw e;
    }
  }

  public static MalloryServer start(ServerConfig config, MetadataStore store, SigningService signer, Clock clock) {
    try {
      return new MalloryServer(config, new UpdateService(store, signer, clock, config.refreshMargin()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding", e);
    }
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  public URI url() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return URI.create("http://" + host + ":" + port());
  }

  /** {@code http://host:port/repos/<name>} for a TUF repository (the default one is also at the root). */
  public URI tufUrl(String repository) {
    // URLEncoder writes a space as '+', which a path keeps literally (the server reads '+' as '+')
    return URI.create(url() + "/repos/"
        + java.net.URLEncoder.encode(repository, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
  }

  public UpdateService updates() {
    return updates;
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    shutdown();
  }

  private void shutdown() {
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    io.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    workers.shutdownNow();
  }
}
