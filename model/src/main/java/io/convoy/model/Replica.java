package io.convoy.model;

import java.io.IOException;
import java.io.OutputStream;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One trainable copy of a network, seen as flat float vectors: parameters and optimizer
 * (updater) state go in and out as {@code float[]} in DL4J's own flattened order, which is the
 * same for every replica of the same {@link ModelSpec}. Not thread-safe: one task uses it at a
 * time.
 */
public final class Replica {
  static {
    // Before any network is built in this JVM: the native build for this CPU, oneDNN helpers on.
    NativeVariant.select();
  }

  private final ModelSpec spec;
  private final MultiLayerNetwork net;

  private Replica(ModelSpec spec, MultiLayerNetwork net) {
    this.spec = spec;
    this.net = net;
  }

  /** A new network with weights drawn from {@code seed} (the calling thread's ND4J RNG is reseeded). */
  public static Replica initialize(ModelSpec spec, long seed) {
    MultiLayerNetwork net = new MultiLayerNetwork(ModelZoo.configuration(spec, seed));
    net.init();
    return new Replica(spec, net);
  }

  /** A new network holding {@code parameters}; no random number is drawn. */
  public static Replica withParameters(ModelSpec spec, float[] parameters) {
    MultiLayerNetwork net = new MultiLayerNetwork(ModelZoo.configuration(spec, 0L));
    net.init(Nd4j.createFromArray(parameters).reshape(1, parameters.length), false);
    return new Replica(spec, net);
  }

  public ModelSpec spec() {
    return spec;
  }

  public int numParameters() {
    return (int) net.numParams();
  }

  public float[] parameters() {
    return net.params().toFloatVector();
  }

  public void setParameters(float[] parameters) {
    requireLength("parameters", parameters.length, numParameters());
    net.params().assign(Nd4j.createFromArray(parameters).reshape(net.params().shape()));
  }

  /** Length of the optimizer state (0 for plain SGD). */
  public int updaterStateLength() {
    INDArray state = updaterStateView();
    return state == null ? 0 : (int) state.length();
  }

  public float[] updaterState() {
    INDArray state = updaterStateView();
    return state == null ? new float[0] : state.toFloatVector();
  }

  public void setUpdaterState(float[] state) {
    requireLength("updater state", state.length, updaterStateLength());
    if (state.length > 0) {
      INDArray view = updaterStateView();
      view.assign(Nd4j.createFromArray(state).reshape(view.shape()));
    }
  }

  /** Zeroes momentum and other optimizer state. */
  public void resetUpdaterState() {
    INDArray view = updaterStateView();
    if (view != null) {
      view.assign(0);
    }
  }

  /**
   * Sets the global step and epoch, which drive learning-rate schedules and Adam's bias
   * correction, so that a replica reused or rebuilt anywhere counts like the run does.
   */
  public void setStep(long iteration, int epoch) {
    net.setIterationCount((int) iteration);
    net.setEpochCount(epoch);
  }

  /**
   * One optimizer step on a minibatch.
   *
   * @param features {@code n} examples, NCHW, {@code n * input.length()} floats
   * @param labels class index of each example
   * @return the minibatch loss before the step (mean cross-entropy plus weight-decay term)
   */
  public double fit(float[] features, int[] labels, int n) {
    net.fit(new DataSet(features(features, n), oneHot(labels, n)));
    return net.score();
  }

  /**
   * The gradient of a minibatch at the current parameters, as DL4J computes it before its
   * updater runs: summed (not averaged) over the {@code n} examples, without weight decay.
   * Sums from several replicas plus their total example count give exactly the gradient of
   * the union minibatch (see {@link #applyGradient}).
   *
   * @return the minibatch loss; the gradient is copied into {@code gradientOut}
   */
  public double computeGradient(float[] features, int[] labels, int n, float[] gradientOut) {
    requireLength("gradient", gradientOut.length, numParameters());
    net.setInput(features(features, n));
    net.setLabels(oneHot(labels, n));
    net.computeGradientAndScore();
    INDArray view = net.getGradientsViewArray();
    System.arraycopy(view.toFloatVector(), 0, gradientOut, 0, gradientOut.length);
    net.clear();
    return net.score();
  }

  /**
   * One optimizer step with a summed gradient over {@code examples} examples: what
   * {@link #fit} does after its backward pass (updater with weight decay, then
   * parameters -= update), with the gradient supplied from outside.
   */
  public void applyGradient(float[] gradientSum, int examples) {
    requireLength("gradient", gradientSum.length, numParameters());
    if (net.gradient() == null) {
      // DL4J builds its per-layer gradient views on the first backward pass; run one on a
      // blank example so that the updater below sees the standard gradient layout.
      computeGradient(new float[spec.input().length()], new int[1], 1, new float[numParameters()]);
    }
    INDArray view = net.getGradientsViewArray();
    view.assign(Nd4j.createFromArray(gradientSum).reshape(view.shape()));
    net.getUpdater(true).update(net, net.gradient(), net.getIterationCount(), net.getEpochCount(), examples,
        LayerWorkspaceMgr.noWorkspaces());
    net.params().subi(view);
    net.setIterationCount(net.getIterationCount() + 1);
  }

  /** Class probabilities, {@code n x classes} row-major. */
  public float[] predict(float[] features, int n) {
    return Nd4j.toFlattened('c', net.output(features(features, n), false)).toFloatVector();
  }

  /** Writes DL4J's ModelSerializer format, loadable by plain DL4J. */
  public void save(OutputStream out, boolean withUpdaterState) throws IOException {
    ModelSerializer.writeModel(net, out, withUpdaterState);
  }

  private INDArray updaterStateView() {
    Updater updater = net.getUpdater(true);
    return updater == null ? null : updater.getStateViewArray();
  }

  private INDArray features(float[] features, int n) {
    InputShape s = spec.input();
    requireLength("features", features.length, n * s.length());
    return Nd4j.create(features, new long[] {n, s.channels(), s.height(), s.width()}, 'c');
  }

  private INDArray oneHot(int[] labels, int n) {
    INDArray y = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, n, spec.classes());
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0 || labels[i] >= spec.classes()) {
        throw new IllegalArgumentException("label " + labels[i] + " outside [0, " + spec.classes() + ")");
      }
      y.putScalar(i, labels[i], 1f);
    }
    return y;
  }

  private static void requireLength(String what, int found, int expected) {
    if (found != expected) {
      throw new IllegalArgumentException(what + ": expected " + expected + " floats, found " + found);
    }
  }
}
