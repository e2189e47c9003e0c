package io.convoy.model;

import java.io.IOException;
import java.io.OutputStream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What {@link StackNetwork} and {@link GraphNetwork} answer alike, through DL4J's common
 * {@link Model} interface; each adds what its network type does its own way (init, fit, updater,
 * counters, output).
 */
abstract sealed class DelegatingNetwork<M extends Model & NeuralNetwork> implements Network permits StackNetwork, GraphNetwork {
  protected final M net;

  DelegatingNetwork(M net) {
    this.net = net;
  }

  @Override
  public final long numParams() {
    return net.numParams();
  }

  @Override
  public final INDArray params() {
    return net.params();
  }

  @Override
  public final INDArray gradientView() {
    return net.getGradientsViewArray();
  }

  @Override
  public final double score() {
    return net.score();
  }

  @Override
  public final M dl4j() {
    return net;
  }

  @Override
  public final void save(OutputStream out, boolean withUpdaterState) throws IOException {
    ModelSerializer.writeModel(net, out, withUpdaterState);
  }
}
