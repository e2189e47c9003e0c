package io.convoy.worker.data;

import java.io.Serializable;

/**
 * A sample's label, source path and encoded file bytes, as cached on executors.
 *
 * @param unreadable why the file could not be read (deleted or unreadable after the dataset was
 *     catalogued), or null; such a sample has no bytes and is skipped where a batch needs it
 */
public record EncodedSample(String path, int label, byte[] bytes, String unreadable) implements Serializable {

  /** A sample whose file was read. */
  public EncodedSample(String path, int label, byte[] bytes) {
    this(path, label, bytes, null);
  }
}
