package dev.mallory.registry.server;

import dev.mallory.registry.Digest;
import dev.mallory.registry.Descriptor;
import dev.mallory.registry.ImageManifest;
import dev.mallory.registry.errors.MalformedManifestException;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Registry v2 subset (distribution's HTTP API): {@code GET /v2/}; blob upload by
 * {@code POST /v2/<name>/blobs/uploads/} then {@code PATCH} chunks and {@code PUT ?digest=}
 * (monolithic: {@code PUT} with the whole body, or {@code POST ?digest=} with it); blobs and
 * manifests by digest ({@code GET}/{@code HEAD}); manifests by tag; {@code tags/list}. Every blob
 * digest is checked on upload; a manifest must name blobs the repository has.
 */
final class RegistryApi {
  // distribution's repository name grammar (path components of lower-case alphanumerics and separators).
  private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*";
  private static final Pattern NAME = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern ROUTE =
      Pattern.compile("^/v2/(.+)/(blobs/uploads/|blobs/uploads/([^/]+)|blobs/([^/]+)|manifests/([^/]+)|tags/list)$");

  private final RegistryStore store;
  private final UploadSessions uploads;
  private final RegistryConfig config;

  RegistryApi(RegistryStore store, RegistryConfig config) {
    this.store = store;
    this.config = config;
    this.uploads = new UploadSessions(config);
  }

  RegistryResponse route(FullHttpRequest request) {
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    String path = uri.path();
    HttpMethod method = request.method();
    if (path.equals("/v2/") || path.equals("/v2")) {
      return RegistryResponse.json(200, "{}").header("Docker-Distribution-Api-Version", "registry/2.0");
    }
    Matcher m = ROUTE.matcher(path);
    if (!m.matches()) {
      return RegistryResponse.error(404, "NOT_FOUND", "no such endpoint");
    }
    String name = m.group(1);
    if (name.length() > 255 || !NAME.matcher(name).matches()) {
      return RegistryResponse.error(400, "NAME_INVALID", "invalid repository name");
    }
    String digestParam = first(uri, "digest");
    if (m.group(2).equals("blobs/uploads/")) {
      return method.equals(HttpMethod.POST) ? startUpload(name, request, digestParam) : unsupported();
    }
    if (m.group(3) != null) {
      return upload(name, m.group(3), request, digestParam);
    }
    if (m.group(4) != null) {
      return isRead(method) ? blob(name, m.group(4), method) : unsupported();
    }
    if (m.group(5) != null) {
      if (method.equals(HttpMethod.PUT)) {
        return putManifest(name, m.group(5), request);
      }
      return isRead(method) ? manifest(name, m.group(5), method) : unsupported();
    }
    return tagsList(name);
  }

  private RegistryResponse startUpload(String name, FullHttpRequest request, String digest) {
    Optional<String> id = uploads.start(name);
    if (id.isEmpty()) {
      return RegistryResponse.error(429, "TOOMANYREQUESTS", "too many open uploads");
    }
    if (digest != null) {
      // Monolithic single POST (the spec allows it; distribution 2.8 does not complete it).
      return upload(name, id.get(), request, digest);
    }
    return accepted(name, id.get(), 0);
  }

  private RegistryResponse upload(String name, String id, FullHttpRequest request, String digest) {
    Optional<UploadSessions.Upload> session = uploads.get(name, id);
    if (session.isEmpty()) {
      return RegistryResponse.error(404, "BLOB_UPLOAD_UNKNOWN", "blob upload unknown to registry");
    }
    UploadSessions.Upload u = session.get();
    boolean finishing = digest != null;
    if (!(request.method().equals(HttpMethod.PATCH) || request.method().equals(HttpMethod.PUT) && finishing
        || request.method().equals(HttpMethod.POST) && finishing)) {
      return unsupported();
    }
    try {
      UploadSessions.append(u, ByteBufUtil.getBytes(request.content()), config.maxBlobBytes());
    } catch (UploadSessions.TooLargeException e) {
      uploads.close(id);
      return RegistryResponse.error(413, "SIZE_INVALID", e.getMessage());
    }
    if (!finishing) {
      return accepted(name, id, u.size);
    }
    uploads.close(id);
    Map.Entry<Digest, byte[]> done = UploadSessions.finish(u);
    if (!Digest.isDigest(digest) || !Digest.parse(digest).equals(done.getKey())) {
      // The digest check on upload: content-addressing is only worth anything if it holds here.
      return RegistryResponse.error(400, "DIGEST_INVALID", "provided digest did not match uploaded content");
    }
    store.putBlob(name, done.getKey(), done.getValue());
    return RegistryResponse.empty(201)
        .header("Location", "/v2/" + name + "/blobs/" + done.getKey())
        .header("Docker-Content-Digest", done.getKey().toString());
  }

  private static RegistryResponse accepted(String name, String id, long size) {
    return RegistryResponse.empty(202)
        .header("Location", "/v2/" + name + "/blobs/uploads/" + id)
        .header("Docker-Upload-UUID", id)
        .header("Range", "0-" + Math.max(0, size - 1));
  }

  private RegistryResponse blob(String name, String ref, HttpMethod method) {
    if (!Digest.isDigest(ref)) {
      return RegistryResponse.error(400, "DIGEST_INVALID", "invalid digest");
    }
    Optional<byte[]> bytes = store.blob(name, Digest.parse(ref));
    if (bytes.isEmpty()) {
      return RegistryResponse.error(404, "BLOB_UNKNOWN", "blob unknown to registry");
    }
    RegistryResponse r = RegistryResponse.of(200, "application/octet-stream", bytes.get()).header("Docker-Content-Digest", ref);
    return method.equals(HttpMethod.HEAD) ? r.asHead() : r;
  }

  private RegistryResponse putManifest(String name, String reference, FullHttpRequest request) {
    byte[] bytes = ByteBufUtil.getBytes(request.content());
    if (bytes.length > ImageManifest.MAX_BYTES) {
      return RegistryResponse.error(413, "SIZE_INVALID", "manifest too large");
    }
    String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
    ImageManifest manifest;
    try {
      manifest = ImageManifest.parse(bytes, contentType);
    } catch (MalformedManifestException e) {
      return RegistryResponse.error(400, "MANIFEST_INVALID", e.getMessage());
    }
    for (Descriptor d : concat(manifest.config(), manifest.layers())) {
      if (store.blob(name, d.digest()).isEmpty()) {
        return RegistryResponse.error(400, "MANIFEST_BLOB_UNKNOWN", "blob unknown to registry: " + d.digest());
      }
    }
    boolean byDigest = Digest.isDigest(reference);
    if (byDigest && !Digest.parse(reference).equals(Digest.of(bytes))) {
      return RegistryResponse.error(400, "DIGEST_INVALID", "manifest digest did not match");
    }
    if (!byDigest && !TAG.matcher(reference).matches()) {
      return RegistryResponse.error(400, "TAG_INVALID", "invalid tag");
    }
    Digest digest = store.putManifest(name, byDigest ? null : reference, manifest.mediaType(), bytes);
    return RegistryResponse.empty(201)
        .header("Location", "/v2/" + name + "/manifests/" + digest)
        .header("Docker-Content-Digest", digest.toString());
  }

  private RegistryResponse manifest(String name, String reference, HttpMethod method) {
    Optional<Digest> digest = Digest.isDigest(reference) ? Optional.of(Digest.parse(reference)) : store.tag(name, reference);
    Optional<RegistryStore.StoredManifest> m = digest.flatMap(d -> store.manifest(name, d));
    if (m.isEmpty()) {
      return RegistryResponse.error(404, "MANIFEST_UNKNOWN", "manifest unknown");
    }
    RegistryResponse r = RegistryResponse.of(200, m.get().mediaType(), m.get().bytes())
        .header("Docker-Content-Digest", digest.get().toString());
    return method.equals(HttpMethod.HEAD) ? r.asHead() : r;
  }

  private RegistryResponse tagsList(String name) {
    if (!store.hasRepository(name)) {
      return RegistryResponse.error(404, "NAME_UNKNOWN", "repository name not known to registry");
    }
    StringBuilder json = new StringBuilder("{\"name\":\"").append(name).append("\",\"tags\":[");
    List<String> tags = store.tags(name);
    for (int i = 0; i < tags.size(); i++) {
      json.append(i == 0 ? "" : ",").append('"').append(tags.get(i)).append('"'); // tags match TAG: no escaping needed
    }
    return RegistryResponse.json(200, json.append("]}").toString());
  }

  private static List<Descriptor> concat(Descriptor first, List<Descriptor> rest) {
    List<Descriptor> all = new java.util.ArrayList<>(rest);
    all.add(0, first);
    return all;
  }

  private static boolean isRead(HttpMethod m) {
    return m.equals(HttpMethod.GET) || m.equals(HttpMethod.HEAD);
  }

  private static String first(QueryStringDecoder uri, String key) {
    List<String> values = uri.parameters().get(key);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static RegistryResponse unsupported() {
    return RegistryResponse.error(405, "UNSUPPORTED", "the operation is unsupported");
  }
}
