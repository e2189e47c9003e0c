package io.convoy.driver.common;

/** Bad command-line usage not caught by the parser (exit status 2). */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
