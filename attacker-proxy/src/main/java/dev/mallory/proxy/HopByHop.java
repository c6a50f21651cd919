package dev.mallory.proxy;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Headers that belong to one connection, not to the message (RFC 9110 7.6.1), plus the framing the
 * proxy sets itself (Content-Length) and Accept-Encoding (upstream must answer in identity so the
 * recorder and attacks see the real bytes).
 */
final class HopByHop {
  private static final AsciiString[] NAMES = Stream.of("connection", "keep-alive", "proxy-connection",
      "proxy-authorization", "proxy-authenticate", "te", "trailer", "transfer-encoding", "upgrade", "content-length",
      "accept-encoding").map(AsciiString::cached).toArray(AsciiString[]::new);

  private HopByHop() {}

  /**
   * Removes them in place: a message passed on keeps its other headers as they were, with no copy
   * (and no second validation) of each.
   */
  static void strip(HttpHeaders headers) {
    List<CharSequence> found = null;
    Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence();
    while (it.hasNext()) {
      CharSequence name = it.next().getKey();
      if (is(name)) {
        if (found == null) {
          found = new ArrayList<>(2);
        }
        found.add(name);
      }
    }
    if (found != null) {
      found.forEach(headers::remove);
    }
  }

  /** Adds every header of {@code from} but these to {@code to}. */
  static void copy(HttpHeaders from, HttpHeaders to) {
    Iterator<Map.Entry<CharSequence, CharSequence>> it = from.iteratorCharSequence();
    while (it.hasNext()) {
      Map.Entry<CharSequence, CharSequence> h = it.next();
      if (!is(h.getKey())) {
        to.add(h.getKey(), h.getValue());
      }
    }
  }

  /** Case-insensitive, without lower-casing (no String per header per request). */
  static boolean is(CharSequence name) {
    for (AsciiString hop : NAMES) {
      if (hop.length() == name.length() && hop.contentEqualsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }
}
