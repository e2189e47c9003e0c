package io.convoy.driver;

/** The loss became NaN or infinite; the run stops before writing a broken model. */
final class TrainingDivergedException extends RuntimeException {
  TrainingDivergedException(String message) {
    super(message);
  }
}
