package io.convoy.bench.step;

import java.util.List;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs one training step of a DL4J network by hand, one layer (or graph vertex) at a time, in
 * the order DL4J itself runs them, and times every piece: each unit's forward pass in training
 * mode, each unit's backward pass, then the optimizer update. DL4J's own step does the same work
 * inside its workspaces; here every array is a plain allocation (no workspaces), which costs a
 * little more but keeps the pieces separable.
 */
interface LayerDriver {
  /** One timed piece of the network: a layer or a graph vertex. */
  record Unit(String name, String type, LayerKind kind) {}

  /** The units in forward order; {@link #pass} reports times in this order. */
  List<Unit> units();

  /**
   * One forward and backward pass over {@code features} and one-hot {@code labels}, then one
   * optimizer update, which changes the parameters as a training step does.
   *
   * @param forwardNs filled with each unit's forward time (the output layer's includes the loss)
   * @param backwardNs filled with each unit's backward time
   * @return the update's time in nanoseconds
   */
  long pass(INDArray features, INDArray labels, long[] forwardNs, long[] backwardNs);

  /** The driver for a MultiLayerNetwork or a ComputationGraph. */
  static LayerDriver of(NeuralNetwork net) {
    if (net instanceof MultiLayerNetwork stack) {
      return new StackLayerDriver(stack);
    }
    if (net instanceof ComputationGraph graph) {
      return new GraphLayerDriver(graph);
    }
    throw new IllegalArgumentException("no layer driver for " + net.getClass().getName());
  }
}
