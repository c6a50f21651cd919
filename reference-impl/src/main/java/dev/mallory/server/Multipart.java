package dev.mallory.server;

import dev.mallory.repo.update.MalformedUploadException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads Notary's atomic upload: multipart/form-data whose parts are files named after their role
 * ({@code filename="targets/releases"}; a trailing {@code .json} is accepted). notary-server ignores
 * the field name and so does this.
 */
final class Multipart {
  private Multipart() {}

  static Map<String, byte[]> roleFiles(FullHttpRequest request) {
    String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
    if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
      throw new MalformedUploadException("expected multipart/form-data, got " + (type.isEmpty() ? "no content type" : type));
    }
    HttpPostRequestDecoder decoder;
    try {
      // In memory only: the body is already bounded by the aggregator's limit.
      decoder = new HttpPostRequestDecoder(new DefaultHttpDataFactory(false), request);
    } catch (RuntimeException e) {
      throw new MalformedUploadException("unreadable multipart body: " + e.getMessage());
    }
    try {
      Map<String, byte[]> files = new LinkedHashMap<>();
      for (InterfaceHttpData data : decoder.getBodyHttpDatas()) {
        if (!(data instanceof FileUpload upload)) {
          continue;
        }
        String role = upload.getFilename();
        if (role == null || role.isEmpty()) {
          throw new MalformedUploadException("a part has no file name (the role)");
        }
        if (role.endsWith(".json")) {
          role = role.substring(0, role.length() - ".json".length());
        }
        if (files.put(role, upload.get()) != null) {
          throw new MalformedUploadException("role " + role + " is uploaded twice");
        }
      }
      if (files.isEmpty()) {
        throw new MalformedUploadException("the upload holds no role file");
      }
      return files;
    } catch (IOException | RuntimeException e) {
      if (e instanceof MalformedUploadException m) {
        throw m;
      }
      throw new MalformedUploadException("unreadable multipart body: " + e.getMessage());
    } finally {
      decoder.destroy();
    }
  }
}
