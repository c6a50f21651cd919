package dev.mallory.server;

import dev.mallory.repo.update.UpdateService;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Optional;

/**
 * Maps a request to the dialect's API. Notary: {@code /v2/}, {@code /_notary_server/health},
 * {@code /v2/<gun>/_trust/tuf/...}. TUF: {@code /repos/<name>/metadata|targets/...} and, for the
 * default repository, {@code /metadata/...} and {@code /targets/...}. Anything else is notary-server's
 * catch-all 404 METADATA_NOT_FOUND.
 */
final class Router {
  private static final String TRUST = "/_trust/tuf/";
  private final NotaryApi notary;
  private final TufApi tuf;
  private final ServerConfig config;

  Router(UpdateService updates, ServerConfig config) {
    this.notary = new NotaryApi(updates, config);
    this.tuf = new TufApi(updates, config);
    this.config = config;
  }

  Response route(FullHttpRequest request) {
    try {
      return routeDecoded(request);
    } catch (TufApi.MalformedPathException e) {
      return NotaryErrors.error(400, "UNKNOWN", "malformed request", e.getMessage());
    }
  }

  private Response routeDecoded(FullHttpRequest request) {
    String uri = request.uri();
    int query = uri.indexOf('?');
    String rawPath = query < 0 ? uri : uri.substring(0, query);
    if (rawPath.equals("/v2/") || rawPath.equals("/v2") || rawPath.equals("/_notary_server/health")) {
      return Response.json(200, "{}");
    }
    if (rawPath.startsWith("/v2/")) {
      int trust = rawPath.indexOf(TRUST);
      if (trust > "/v2/".length()) {
        String gun = TufApi.decode(rawPath.substring("/v2/".length(), trust));
        return notary.handle(request, gun, TufApi.decode(rawPath.substring(trust + TRUST.length())));
      }
      return NotaryErrors.metadataNotFound();
    }
    if (!request.method().equals(HttpMethod.GET)) {
      return NotaryErrors.metadataNotFound();
    }
    if (rawPath.startsWith("/repos/")) {
      String rest = rawPath.substring("/repos/".length());
      int slash = rest.indexOf('/');
      if (slash <= 0) {
        return NotaryErrors.metadataNotFound();
      }
      return tuf.get(TufApi.decode(rest.substring(0, slash)), rest.substring(slash + 1));
    }
    return tuf.get(config.defaultRepository(), rawPath.substring(1));
  }

  /** Empty when the push may proceed, else the 401/403 answer. */
  static Optional<Response> authorise(PushAuth auth, FullHttpRequest request, String repository) {
    PushAuth.Decision d = auth.check(repository, request.headers().get(HttpHeaderNames.AUTHORIZATION));
    if (d instanceof PushAuth.Decision.Unauthenticated u) {
      return Optional.of(NotaryErrors.unauthorized(u.reason()));
    }
    if (d instanceof PushAuth.Decision.Forbidden f) {
      return Optional.of(NotaryErrors.denied(f.reason()));
    }
    return Optional.empty();
  }
}
