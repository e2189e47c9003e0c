package io.convoy.model.kernels;

import java.lang.reflect.Field;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts convoy's kernels into a built network's layers as their DL4J helpers. The network's
 * configuration is untouched: what is saved is plain DL4J, and DL4J alone runs it the same way
 * (to within float rounding) on its built-in path or with its own helpers.
 *
 * <p>For benchmarking only, {@code -Dconvoy.kernels=off} leaves every layer the helper DL4J chose
 * (its oneDNN ones where enabled), so before and after can be timed in one run.
 */
public final class Kernels {
  /** System property: "off" keeps DL4J's own helpers (benchmarking only); anything else, or unset, is on. */
  public static final String PROPERTY = "convoy.kernels";

  private static final Logger LOG = LoggerFactory.getLogger(Kernels.class);

  private Kernels() {}

  /** Whether {@link #install} puts convoy's kernels in (read at each call, so a benchmark may switch). */
  public static boolean enabled() {
    return !"off".equalsIgnoreCase(System.getProperty(PROPERTY, "on").trim())
        && "CPU".equalsIgnoreCase(Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend"));
  }

  /**
   * Gives every batch-norm layer among {@code layers} that the kernels support (NCHW, learned
   * gamma and beta) convoy's helper. Does nothing when {@link #enabled()} says no.
   *
   * @return how many layers got one
   */
  public static int install(Iterable<? extends Layer> layers) {
    if (!enabled()) {
      return 0;
    }
    int installed = 0;
    for (Layer layer : layers) {
      if (layer instanceof BatchNormalization bn && supported(bn.layerConf())) {
        BatchNormalizationHelper own = (BatchNormalizationHelper) bn.getHelper();
        if (own instanceof ConvoyBatchNormHelper) {
          continue; // installed before
        }
        if (!setHelper(bn, new ConvoyBatchNormHelper(own))) {
          return installed;
        }
        installed++;
      }
    }
    return installed;
  }

  static boolean supported(org.deeplearning4j.nn.conf.layers.BatchNormalization conf) {
    return !conf.isLockGammaBeta() && conf.getCnn2DFormat() == CNN2DFormat.NCHW;
  }

  /**
   * DL4J keeps the helper in a package-private field and chooses it in the constructor; there
   * is no setter. Where a DL4J version lacks the field, the layer keeps its own helper.
   */
  private static boolean setHelper(BatchNormalization layer, BatchNormalizationHelper helper) {
    try {
      Field field = BatchNormalization.class.getDeclaredField("helper");
      field.setAccessible(true);
      field.set(layer, helper);
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("batch norm keeps DL4J's helper: this DL4J version has no settable helper field ({})", e.toString());
      return false;
    }
  }
}
