package dev.mallory.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** PEM armour for public keys and certificates. */
final class Pem {
  private Pem() {}

  static String encode(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  static byte[] decode(String label, String pem) throws UnsupportedKeyException {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new UnsupportedKeyException("not a PEM " + label);
    }
    String body = pem.substring(from + begin.length(), to).replaceAll("\\s", "");
    try {
      return Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new UnsupportedKeyException("PEM " + label + " is not valid base64", e);
    }
  }
}
