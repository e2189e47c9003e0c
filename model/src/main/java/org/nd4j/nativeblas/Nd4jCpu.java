package org.nd4j.nativeblas;

/**
 * Restores the class DL4J 1.0.0-M2's oneDNN layer helpers look for. {@code BaseMKLDNNHelper}
 * asks, by reflection, for {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance()
 * .isUseMKLDNN()}, a class ND4J renamed in 1.0.0-M1; without it every oneDNN helper reports
 * "not supported" and convolution, pooling, batch norm and LRN run on DL4J's slow built-in
 * path. This answers with ND4J's real setting. Nothing else uses it.
 */
public final class Nd4jCpu {
  private Nd4jCpu() {}

  /** The shape of the pre-M1 environment class, as DL4J calls it. */
  public static final class Environment {
    private static final Environment INSTANCE = new Environment();

    private Environment() {}

    public static Environment getInstance() {
      return INSTANCE;
    }

    /** Whether ND4J's natives were built with oneDNN and have it switched on. */
    public boolean isUseMKLDNN() {
      return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
    }
  }
}
