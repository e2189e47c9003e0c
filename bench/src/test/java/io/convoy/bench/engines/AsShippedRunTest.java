package io.convoy.bench.engines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.convoy.driver.ConvoyMain;
import org.junit.jupiter.api.Test;

/** The entry point the as-shipped child JVM runs, named by string so that bench does not import it. */
class AsShippedRunTest {
  @Test
  void namesTheLaunchersMainClass() {
    assertEquals(ConvoyMain.class.getName(), AsShippedRun.MAIN_CLASS);
  }
}
