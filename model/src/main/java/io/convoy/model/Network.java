package io.convoy.model;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.api.Trainable;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What {@link Replica} needs from a DL4J network, implemented once for MultiLayerNetwork and once
 * for ComputationGraph so that nothing else has to care which one it holds. Parameters, gradients
 * and updater state are DL4J's flattened views.
 */
interface Network {
  /** Allocates parameters: drawn from the configuration's seed, or a copy of {@code params}. */
  void init(INDArray params);

  long numParams();

  INDArray params();

  /** The flattened gradient view (valid after a backward pass). */
  INDArray gradientView();

  BaseMultiLayerUpdater<?> updater();

  /** The trainable layers in the order of the flattened parameters. */
  List<Trainable> orderedLayers();

  /** One optimizer step on a minibatch ({@code labels} go to every output). */
  void fit(INDArray features, INDArray labels);

  /** Forward and backward pass in training mode; fills the gradient view and the score. */
  void computeGradientAndScore(INDArray features, INDArray labels);

  /** One optimizer step with the gradient view as it stands, over {@code examples} examples. */
  void update(int examples);

  double score();

  /** Drops cached activations and inputs. */
  void clear();

  int iteration();

  void setIteration(int iteration);

  int epoch();

  void setEpoch(int epoch);

  /** The main output in inference mode (auxiliary outputs are not returned). */
  INDArray output(INDArray features);

  /** DL4J's ModelSerializer format (plain DL4J loads it), the floats stored rather than deflated. */
  void save(OutputStream out, boolean withUpdaterState) throws IOException;

  /** The DL4J network itself: a MultiLayerNetwork or a ComputationGraph. */
  NeuralNetwork dl4j();

  /** An untrained network of {@code config} (call {@link #init}). */
  static Network of(NetworkConfig config) {
    if (config instanceof NetworkConfig.Stack stack) {
      return new StackNetwork(stack.conf());
    }
    return new GraphNetwork(((NetworkConfig.Graph) config).conf());
  }
}
