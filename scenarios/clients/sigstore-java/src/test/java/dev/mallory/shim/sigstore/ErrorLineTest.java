package dev.mallory.shim.sigstore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class ErrorLineTest {
  @Test
  void namesTheInnermostCauseThatSaysSomething() {
    assertEquals("ERROR java.io.IOException: disk on fire",
        ErrorLine.of(new UncheckedIOException(new IOException("disk on fire"))));
    assertEquals("ERROR java.lang.IllegalStateException: outer says it",
        ErrorLine.of(new IllegalStateException("outer says it", new RuntimeException((String) null))));
    assertEquals("ERROR java.lang.NullPointerException: ",
        ErrorLine.of(new RuntimeException(new NullPointerException())));
  }

  @Test
  void alwaysOneLine() {
    assertEquals("ERROR java.lang.Exception: two lines", ErrorLine.of(new Exception("two\r\n  lines\n")).stripTrailing());
  }
}
