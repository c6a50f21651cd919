package dev.mallory.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mallory.attack.Attack;
import dev.mallory.attack.AttackTypes;
import dev.mallory.journal.JournalEntry;
import dev.mallory.journal.Recording;
import dev.mallory.json.Json;
import dev.mallory.json.MalformedJsonException;
import dev.mallory.proxy.AppliedAttack;
import dev.mallory.proxy.AttackerProxy;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The REST control API, toxiproxy / WireMock-admin style, on its own 127.0.0.1 port:
 *
 * <pre>
 * GET    /attacks            applied attacks, in decision order
 * POST   /attacks            apply one: {"type":"rollback","role":"timestamp","version":1} -> 201
 * PUT    /attacks            replace all with a JSON array (a whole scenario at once)
 * GET    /attacks/{id}       one attack
 * DELETE /attacks/{id}       remove it -> 204
 * POST   /reset              remove every attack, clear the journal -> 204
 * GET    /journal            exchanges; ?role= ?attack= ?type= ?limit=
 * GET    /recordings         recorded files (no bytes); ?repository= ?role=
 * GET    /recordings/{sha}   the recorded bytes
 * GET    /moments            named moments of the recorder
 * POST   /moments            {"label":"before"} marks "the repository now" as seen through the proxy;
 *                            with "capture": true (or {"dialect":"notary","gun":...}) fetches it
 *                            from upstream first: 201, or 413 over its limits, 502 upstream failed
 * GET    /keys               key names and key ids (never private material)
 * GET    /types              attack types and their parameters
 * GET    /ca.pem             the interception CA
 * </pre>
 *
 * Bad input gets a 4xx with {@code {"error": "..."}}; nothing here can stop the proxy serving.
 */
public final class ControlServer implements AutoCloseable {
  private static final int MAX_BODY = 1024 * 1024;

  private final AttackerProxy proxy;
  private final Channel channel;

  private ControlServer(AttackerProxy proxy, Channel channel) {
    this.proxy = proxy;
    this.channel = channel;
  }

  public static ControlServer start(AttackerProxy proxy, int port, EventLoopGroup group) throws InterruptedException {
    ControlServer[] holder = new ControlServer[1];
    Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel c) {
            c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY), new Handler(proxy));
          }
        })
        .bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
    holder[0] = new ControlServer(proxy, ch);
    return holder[0];
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + ((InetSocketAddress) channel.localAddress()).getPort());
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly();
  }

  private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final AttackerProxy proxy;
    /** The last reply of this connection written (one handler per connection). */
    private CompletableFuture<Void> written = CompletableFuture.completedFuture(null);

    Handler(AttackerProxy proxy) {
      this.proxy = proxy;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      boolean keepAlive = HttpUtil.isKeepAlive(request);
      CompletableFuture<Reply> reply;
      if (!request.decoderResult().isSuccess()) {
        reply = done(Reply.error(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request or body over " + MAX_BODY + " bytes"));
      } else {
        try {
          reply = route(request); // reads the request now: it is released when this method returns
        } catch (AttackJson.BadInput e) {
          reply = done(Reply.error(HttpResponseStatus.BAD_REQUEST, e.getMessage()));
        } catch (MalformedJsonException e) {
          reply = done(Reply.error(HttpResponseStatus.BAD_REQUEST, "body is not valid JSON: " + e.getMessage()));
        } catch (RuntimeException e) {
          reply = done(Reply.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "mallory control: " + e));
        }
      }
      // Replies leave in request order (HTTP/1.1 pipelining) even when a capture answers later.
      CompletableFuture<Reply> r = reply.exceptionally(
          e -> Reply.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "mallory control: " + e));
      written = written.thenCompose(x -> r).thenAccept(rep -> write(ctx, rep, keepAlive));
    }

    /** Writes a reply; from another thread too (a capture answers when it is done). */
    private static void write(ChannelHandlerContext ctx, Reply reply, boolean keepAlive) {
      FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, reply.status(),
          Unpooled.wrappedBuffer(reply.body()));
      if (reply.contentType() != null) {
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
      }
      response.headers().set(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
      var f = ctx.writeAndFlush(response);
      if (!keepAlive) {
        f.addListener(ChannelFutureListener.CLOSE);
      }
    }

    private static CompletableFuture<Reply> done(Reply reply) {
      return CompletableFuture.completedFuture(reply);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }

    private CompletableFuture<Reply> route(FullHttpRequest request) {
      String path = new QueryStringDecoder(request.uri()).path();
      if (path.equals("/moments") && request.method().name().equals("POST")) {
        return MomentsApi.post(proxy, body(request));
      }
      return done(routeNow(request));
    }

    private Reply routeNow(FullHttpRequest request) {
      QueryStringDecoder q = new QueryStringDecoder(request.uri());
      String path = q.path();
      String method = request.method().name();
      if (path.equals("/attacks")) {
        return switch (method) {
          case "GET" -> Reply.json(HttpResponseStatus.OK, attacksJson(proxy.attacks()));
          case "POST" -> {
            Attack attack = AttackJson.parse(body(request), proxy.keys());
            yield Reply.json(HttpResponseStatus.CREATED, AttackJson.toJson(proxy.apply(attack)));
          }
          case "PUT" -> {
            JsonNode body = body(request);
            if (!body.isArray()) {
              throw new AttackJson.BadInput("PUT /attacks takes a JSON array of attacks");
            }
            List<Attack> attacks = new ArrayList<>();
            body.forEach(n -> attacks.add(AttackJson.parse(n, proxy.keys())));
            yield Reply.json(HttpResponseStatus.OK, attacksJson(proxy.replaceAll(attacks)));
          }
          default -> notAllowed(method, path, "GET, POST, PUT");
        };
      }
      if (path.startsWith("/attacks/")) {
        String id = path.substring("/attacks/".length());
        return switch (method) {
          case "GET" -> proxy.attack(id).map(a -> Reply.json(HttpResponseStatus.OK, AttackJson.toJson(a)))
              .orElse(noAttack(id));
          case "DELETE" -> proxy.remove(id) ? Reply.empty() : noAttack(id);
          default -> notAllowed(method, path, "GET, DELETE");
        };
      }
      switch (path) {
        case "/reset":
          if (!method.equals("POST")) {
            return notAllowed(method, path, "POST");
          }
          proxy.reset();
          return Reply.empty();
        case "/journal":
          return method.equals("GET") ? journal(q) : notAllowed(method, path, "GET");
        case "/recordings":
          return method.equals("GET") ? recordings(q) : notAllowed(method, path, "GET");
        case "/moments":
          return method.equals("GET") ? MomentsApi.list(proxy) : notAllowed(method, path, "GET, POST");
        case "/keys":
          if (!method.equals("GET")) {
            return notAllowed(method, path, "GET");
          }
          ObjectNode keys = Json.object();
          proxy.keys().keyIds().forEach(keys::put);
          return Reply.json(HttpResponseStatus.OK, keys);
        case "/types":
          if (!method.equals("GET")) {
            return notAllowed(method, path, "GET");
          }
          ObjectNode types = Json.object();
          AttackTypes.names().forEach(n -> {
            ArrayNode params = types.putArray(n);
            AttackJson.parameterList(AttackTypes.classOf(n)).forEach(params::add);
          });
          return Reply.json(HttpResponseStatus.OK, types);
        case "/ca.pem":
          return method.equals("GET")
              ? new Reply(HttpResponseStatus.OK, "application/x-pem-file", proxy.caPem().getBytes(StandardCharsets.US_ASCII))
              : notAllowed(method, path, "GET");
        default:
          break;
      }
      if (path.startsWith("/recordings/") && method.equals("GET")) {
        String sha = path.substring("/recordings/".length());
        return proxy.recorder().byHash(null, sha)
            .map(r -> new Reply(HttpResponseStatus.OK, "application/octet-stream", r.bytes()))
            .orElse(Reply.error(HttpResponseStatus.NOT_FOUND, "no recording with sha256 " + sha));
      }
      return Reply.error(HttpResponseStatus.NOT_FOUND, "no such endpoint: " + method + " " + path
          + "; endpoints: /attacks, /attacks/{id}, /reset, /journal, /recordings, /recordings/{sha256}, /moments, "
          + "/keys, /types, /ca.pem");
    }

    private static Reply notAllowed(String method, String path, String allowed) {
      return Reply.error(HttpResponseStatus.METHOD_NOT_ALLOWED, method + " is not allowed on " + path
          + "; allowed: " + allowed);
    }

    private static Reply noAttack(String id) {
      return Reply.error(HttpResponseStatus.NOT_FOUND, "no applied attack with id '" + id + "'");
    }

    private static JsonNode body(FullHttpRequest request) {
      byte[] bytes = ByteBufUtil.getBytes(request.content());
      if (bytes.length == 0) {
        throw new AttackJson.BadInput("request body is empty; expected JSON");
      }
      return Json.parse(bytes);
    }

    private static ArrayNode attacksJson(List<AppliedAttack> attacks) {
      ArrayNode a = Json.nodes().arrayNode();
      attacks.forEach(x -> a.add(AttackJson.toJson(x)));
      return a;
    }

    private Reply journal(QueryStringDecoder q) {
      String role = param(q, "role");
      String attack = param(q, "attack");
      String type = param(q, "type");
      int limit = intParam(q, "limit", Integer.MAX_VALUE);
      Predicate<JournalEntry> filter = e -> (role == null || Objects.equals(role, e.request().role()))
          && (attack == null || Objects.equals(attack, e.attackId()))
          && (type == null || Objects.equals(type, e.attackType()));
      List<JournalEntry> entries = proxy.journal().find(filter);
      ArrayNode a = Json.nodes().arrayNode();
      entries.subList(Math.max(0, entries.size() - limit), entries.size()).forEach(e -> a.add(entryJson(e)));
      return Reply.json(HttpResponseStatus.OK, a);
    }

    private Reply recordings(QueryStringDecoder q) {
      String repository = param(q, "repository");
      String role = param(q, "role");
      ArrayNode a = Json.nodes().arrayNode();
      for (Recording r : proxy.recorder().all()) {
        if ((repository == null || repository.equals(r.repository())) && (role == null || role.equals(r.role()))) {
          ObjectNode o = a.addObject();
          o.put("seq", r.seq());
          o.put("at", r.at().toString());
          o.put("repository", r.repository());
          o.put("dialect", String.valueOf(r.dialect()));
          o.put("kind", r.kind().name());
          o.put("role", r.role());
          o.put("targetPath", r.targetPath());
          if (r.version() != null) {
            o.put("version", r.version());
          }
          o.put("sha256", r.sha256());
          o.put("length", r.length());
          o.put("path", r.path());
        }
      }
      return Reply.json(HttpResponseStatus.OK, a);
    }

    private static String param(QueryStringDecoder q, String name) {
      List<String> v = q.parameters().get(name);
      return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static int intParam(QueryStringDecoder q, String name, int fallback) {
      String v = param(q, name);
      if (v == null) {
        return fallback;
      }
      try {
        int n = Integer.parseInt(v);
        if (n < 0) {
          throw new NumberFormatException();
        }
        return n;
      } catch (NumberFormatException e) {
        throw new AttackJson.BadInput("?" + name + " must be a non-negative integer, not " + v);
      }
    }

    static ObjectNode entryJson(JournalEntry e) {
      ObjectNode o = Json.object();
      o.put("seq", e.seq());
      o.put("at", e.at().toString());
      o.put("host", e.host());
      ObjectNode r = o.putObject("request");
      var c = e.request();
      r.put("method", c.method());
      r.put("path", c.path());
      r.put("kind", c.kind().name());
      r.put("dialect", c.dialect() == null ? null : c.dialect().name());
      r.put("repository", c.repository());
      r.put("role", c.role());
      r.put("naming", c.naming().name());
      if (c.version() != null) {
        r.put("version", c.version());
      }
      r.put("hash", c.hash());
      r.put("targetPath", c.targetPath());
      ObjectNode up = o.putObject("upstream");
      up.put("status", e.upstreamStatus());
      up.put("length", e.upstreamLength());
      up.put("sha256", e.upstreamSha256());
      up.put("error", e.upstreamError());
      up.put("retriedAfter", e.retriedAfter());
      o.put("effect", e.effect());
      o.put("attackId", e.attackId());
      o.put("attackType", e.attackType());
      ObjectNode sent = o.putObject("sent");
      sent.put("status", e.sentStatus());
      sent.put("bytes", e.sentBytes());
      sent.put("sha256", e.sentSha256());
      o.put("micros", e.micros());
      return o;
    }
  }
}
