package io.convoy.tests;

import io.convoy.driver.ConvoyMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** {@code convoy <args>} in the test's JVM, its output discarded and its errors shown when it fails. */
final class InProcessConvoy {
  private InProcessConvoy() {}

  /** The exit status. */
  static int run(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = ConvoyMain.execute(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args);
    if (status != 0) {
      System.err.println(err.toString(StandardCharsets.UTF_8));
    }
    return status;
  }
}
