package io.convoy.conf.names;

/** What computes a replica's gradients ({@code model.backend}). */
public enum BackendName implements ConfigName {
  /**
   * The default: libtorch for the architectures it was measured faster on, where it is on the class
   * path and ND4J runs on the CPU; DL4J otherwise (resolved when a run's first replica is built, and
   * named with its reason in the run's {@code start} event: {@code io.convoy.model.BackendChoice}).
   */
  AUTO("auto"),
  /** DL4J's own layers (ND4J, oneDNN helpers): every architecture. */
  DL4J("dl4j"),
  /**
   * libtorch through JavaCPP (module {@code torch}, convoy-torch on the class path) for the forward
   * and backward pass of the ResNets; parameters, optimizer, inference and model.zip stay DL4J's.
   */
  LIBTORCH("libtorch");

  private final String configName;

  BackendName(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }
}
