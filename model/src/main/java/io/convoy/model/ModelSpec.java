package io.convoy.model;

import io.convoy.conf.ModelConfig;
import io.convoy.conf.OptimizerConfig;
import java.io.Serializable;

/**
 * Everything needed to build the same network anywhere (driver or executor). Equal specs build
 * networks with the same parameter layout, so a spec is also the key of cached replicas.
 *
 * @param model architecture and layer knobs ({@code model.classes} is ignored: see {@code classes})
 * @param input per-example input shape
 * @param classes number of outputs, resolved from the data where the configuration says auto
 * @param optimizer optimizer, schedule and regularization
 * @param plan workers, epochs and steps per epoch, which the learning-rate schedule needs
 */
public record ModelSpec(ModelConfig model, InputShape input, int classes, OptimizerConfig optimizer,
    TrainingPlan plan) implements Serializable {

  /** An architecture with every knob at its default, trained by one worker at a constant rate. */
  public ModelSpec(String arch, InputShape input, int classes, OptimizerConfig optimizer) {
    this(new ModelConfig(arch, classes), input, classes, optimizer, TrainingPlan.SINGLE);
  }

  public String arch() {
    return model.arch();
  }

  /** The same network, its gradients computed by {@code backend} (a run pins auto's choice so). */
  public ModelSpec withBackend(io.convoy.conf.names.BackendName backend) {
    return new ModelSpec(model.withBackend(backend), input, classes, optimizer, plan);
  }
}
