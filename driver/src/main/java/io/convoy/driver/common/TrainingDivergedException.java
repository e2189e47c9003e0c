package io.convoy.driver.common;

/** The loss became NaN or infinite; the run stops before writing a broken model. */
public final class TrainingDivergedException extends RuntimeException {
  public TrainingDivergedException(String message) {
    super(message);
  }
}
