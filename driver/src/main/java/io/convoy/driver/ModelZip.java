package io.convoy.driver;

import io.convoy.conf.AveragingMode;
import io.convoy.conf.ConfigRenderer;
import io.convoy.conf.ConvoyConfig;
import io.convoy.conf.UpdaterStatePolicy;
import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import io.convoy.worker.ModelState;
import java.util.List;

/**
 * A run's state as a {@code model.zip}: DL4J's ModelSerializer format with the labels and the
 * configuration beside it ({@link ModelArchive}), as the result of a run and in checkpoints.
 */
final class ModelZip {
  private ModelZip() {}

  /**
   * Writes {@code state} with its updater state where the run has one: the driver holds the
   * run's optimizer state in gradients mode, and in parameters mode when it is averaged; with
   * local or reset state there is no single state to save.
   */
  static OutputDir.Writer of(ConvoyConfig config, ModelSpec spec, ModelState state, List<String> labels) {
    return of(config, Replica.withParameters(spec, state.parameters()), state, labels);
  }

  /**
   * The same through {@code model}, whose parameters (and updater state) are overwritten:
   * building a DL4J network costs more than writing it, so repeated saves reuse one.
   */
  static OutputDir.Writer of(ConvoyConfig config, Replica model, ModelState state, List<String> labels) {
    model.setParameters(state.parameters());
    var averaging = config.training().averaging();
    boolean withUpdater = (averaging.mode() == AveragingMode.GRADIENTS
        || averaging.updaterState() == UpdaterStatePolicy.AVERAGE)
        && state.updaterState().length == model.updaterStateLength();
    if (withUpdater) {
      model.setUpdaterState(state.updaterState());
    }
    String configText = ConfigRenderer.render(config);
    return stream -> ModelArchive.write(stream, model, withUpdater, labels, configText);
  }

  /**
   * @throws TrainingDivergedException when a parameter is NaN or infinite, so that such a model
   *     is never saved as a result or a checkpoint
   */
  static void requireFinite(ModelState state, String what) {
    float[] p = state.parameters();
    for (int i = 0; i < p.length; i++) {
      if (!Float.isFinite(p[i])) {
        throw new TrainingDivergedException("parameter " + i + " became " + p[i] + " " + what
            + ": not saved; lower optimizer.lr, add optimizer.gradient-clipping, or check the input normalization");
      }
    }
  }
}
