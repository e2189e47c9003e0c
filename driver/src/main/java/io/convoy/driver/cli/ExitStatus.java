package io.convoy.driver.cli;

/**
 * The exit statuses of {@code convoy}: 0 on success, 2 on bad usage or configuration, 1 on any
 * other failure. Commands return {@link #OK}; {@code ConvoyMain} maps exceptions to the others.
 */
public final class ExitStatus {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;

  private ExitStatus() {}
}
