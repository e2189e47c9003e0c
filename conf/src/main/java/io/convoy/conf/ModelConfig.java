package io.convoy.conf;

import java.io.Serializable;
import java.util.List;

/**
 * Which network to train.
 *
 * @param arch architecture name, one of {@link #ARCHITECTURES}
 * @param classes number of output classes; 0 means "as many as the dataset has"
 */
public record ModelConfig(String arch, int classes) implements Serializable {

  /** Architecture names the model zoo provides; the zoo's tests keep the two in step. */
  public static final List<String> ARCHITECTURES = List.of("simple-cnn", "lenet");

  public boolean classesFromData() {
    return classes == 0;
  }
}
