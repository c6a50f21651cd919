package dev.mallory.server;

import dev.mallory.crypto.KeyIds;
import dev.mallory.dialect.Dialect;
import dev.mallory.json.Json;
import dev.mallory.model.Key;
import dev.mallory.repo.store.MetadataStore;
import dev.mallory.repo.store.RoleFile;
import dev.mallory.repo.update.MalformedUploadException;
import dev.mallory.repo.update.UpdateOutcome;
import dev.mallory.repo.update.UpdateService;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * notary-server's API under {@code /v2/<gun>/_trust/tuf/} (research notes 7.1): metadata by name,
 * by version, by checksum; the server-held keys; atomic multipart upload; delete.
 */
final class NotaryApi {
  private static final Pattern BY_VERSION = Pattern.compile("^(\\d{1,19})\\.(.+)$");
  private static final Pattern BY_HASH = Pattern.compile("^(.+)\\.([0-9a-f]{64})$");
  private static final String CURRENT_CACHE = "public, max-age=300, s-maxage=300, must-revalidate";
  private static final String HASH_CACHE = "public, max-age=2592000, s-maxage=2592000";

  private final UpdateService updates;
  private final ServerConfig config;

  NotaryApi(UpdateService updates, ServerConfig config) {
    this.updates = updates;
    this.config = config;
  }

  /** @param rest the path after {@code _trust/tuf/} ("" for the collection itself) */
  Response handle(FullHttpRequest request, String gun, String rest) {
    HttpMethod method = request.method();
    if (rest.isEmpty()) {
      if (method.equals(HttpMethod.POST)) {
        return authorised(request, gun).orElseGet(() -> upload(request, gun));
      }
      if (method.equals(HttpMethod.DELETE)) {
        return authorised(request, gun).orElseGet(() -> {
          updates.delete(gun);
          return Response.empty(200); // notary-server: 200, empty body, even for an unknown GUN
        });
      }
      return NotaryErrors.metadataNotFound();
    }
    if (rest.endsWith(".key")) {
      return key(request, gun, rest.substring(0, rest.length() - ".key".length()));
    }
    if (!method.equals(HttpMethod.GET) || !rest.endsWith(".json")) {
      return NotaryErrors.metadataNotFound();
    }
    return metadata(gun, rest.substring(0, rest.length() - ".json".length()));
  }

  private Response upload(FullHttpRequest request, String gun) {
    UpdateOutcome outcome;
    try {
      outcome = updates.upload(gun, Multipart.roleFiles(request));
    } catch (MalformedUploadException e) {
      outcome = new UpdateOutcome.Rejected(e);
    }
    if (outcome instanceof UpdateOutcome.Rejected r) {
      return NotaryErrors.rejected(r.reason());
    }
    return Response.empty(200);
  }

  private Response key(FullHttpRequest request, String gun, String role) {
    if (!role.equals("timestamp") && !role.equals("snapshot")) {
      return request.method().equals(HttpMethod.POST)
          ? NotaryErrors.invalidRole("only timestamp and snapshot keys are held by the server")
          : NotaryErrors.metadataNotFound();
    }
    if (request.method().equals(HttpMethod.GET)) {
      return keyJson(gun, updates.publicKey(gun, role));
    }
    if (request.method().equals(HttpMethod.POST)) {
      return authorised(request, gun).orElseGet(() -> keyJson(gun, updates.rotateKey(gun, role)));
    }
    return NotaryErrors.metadataNotFound();
  }

  private Response keyJson(String gun, Key key) {
    Dialect dialect = updates.store().dialect(gun).orElse(Dialect.NOTARY);
    return Response.ok(Response.JSON_TYPE, Json.write(KeyIds.keyJson(key, dialect.keyEncoding())));
  }

  private Response metadata(String gun, String name) {
    MetadataStore store = updates.store();
    Matcher version = BY_VERSION.matcher(name);
    if (version.matches()) {
      long v;
      try {
        v = Long.parseLong(version.group(1));
      } catch (NumberFormatException e) {
        return NotaryErrors.metadataNotFound(); // beyond Long.MAX_VALUE: no such version
      }
      return serve(store.version(gun, version.group(2), v), HASH_CACHE);
    }
    Matcher hash = BY_HASH.matcher(name);
    if (hash.matches()) {
      return serve(store.byHash(gun, hash.group(1), hash.group(2)), HASH_CACHE);
    }
    if (name.equals("timestamp")) {
      return serve(config.refreshTimestamps() ? updates.freshTimestamp(gun) : store.current(gun, name), CURRENT_CACHE);
    }
    return serve(store.current(gun, name), CURRENT_CACHE);
  }

  private static Response serve(Optional<RoleFile> file, String cacheControl) {
    return file.map(f -> Response.ok(Response.METADATA_TYPE, f.bytes()).withHeader("Cache-Control", cacheControl))
        .orElseGet(NotaryErrors::metadataNotFound);
  }

  private Optional<Response> authorised(FullHttpRequest request, String gun) {
    return Router.authorise(config.auth(), request, gun);
  }
}
