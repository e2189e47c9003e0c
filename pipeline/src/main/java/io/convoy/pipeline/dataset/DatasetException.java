package io.convoy.pipeline.dataset;

/**
 * A dataset that cannot be trained on as it is (missing folder, no class folders, a class with
 * no usable image, validation classes that differ from the training classes). The message
 * names the path or value and says what would be accepted.
 */
public final class DatasetException extends RuntimeException {
  public DatasetException(String message) {
    super(message);
  }

  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
