package io.convoy.model;

import org.deeplearning4j.nn.api.NeuralNetwork;

/**
 * A second compute backend for training (service interface, found through
 * {@link java.util.ServiceLoader} as {@code META-INF/services/io.convoy.model.GradientBackend}), so
 * that {@code model} never depends on the module that implements it (module {@code torch}:
 * libtorch). It computes what DL4J's own backward pass would, and the training replica's inference
 * (validation during training); DL4J keeps the parameters, the optimizer and the saved model, and
 * a loaded model predicts with DL4J.
 */
public interface GradientBackend {
  /** The name {@code model.backend} selects it by (see {@code io.convoy.conf.names.BackendName}). */
  String name();

  /** What it can train, for error messages: e.g. "the ResNets (resnet18, ...): ...". */
  String supports();

  /**
   * An engine over {@code network}'s parameters, which it reads in place at every call.
   *
   * @param arch the architecture's name, for error messages
   * @param network the DL4J network of either kind: a MultiLayerNetwork (layer stacks) or a
   *     ComputationGraph
   * @throws io.convoy.conf.ConfigException when a layer or setting of {@code network} cannot be
   *     reproduced exactly: names {@code arch}, the layer and what the backend supports
   */
  GradientEngine engine(String arch, NeuralNetwork network);
}
