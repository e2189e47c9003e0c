package io.convoy.bench;

import io.convoy.driver.cli.SubcommandProvider;

/**
 * Puts {@code convoy bench} into the command tree: listed in
 * {@code META-INF/services/io.convoy.driver.cli.SubcommandProvider}, found by {@code ConvoyMain}
 * whenever this module's jar is on the class path (the application jar shades it in).
 */
public final class BenchCommandProvider implements SubcommandProvider {
  @Override
  public Object command() {
    return new BenchCommand();
  }
}
