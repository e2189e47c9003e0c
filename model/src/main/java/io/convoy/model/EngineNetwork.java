package io.convoy.model;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.api.Trainable;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A DL4J {@link Network} whose training pass and inference a {@link GradientEngine} computes.
 * Everything else (parameters, updater, counters, saving) is the DL4J network's, so a replica
 * trained this way saves and loads like any other, and a loaded model predicts with DL4J.
 */
final class EngineNetwork implements Network {
  private final Network dl4j;
  private final GradientEngine engine;
  private double score = Double.NaN;

  EngineNetwork(Network dl4j, GradientEngine engine) {
    this.dl4j = dl4j;
    this.engine = engine;
  }

  /** What DL4J's fit does (StochasticGradientDescent): gradient, updater, step, count. */
  @Override
  public void fit(INDArray features, INDArray labels) {
    computeGradientAndScore(features, labels);
    dl4j.update((int) features.size(0));
    INDArray params = dl4j.params();
    params.subi(dl4j.gradientView().reshape(params.shape()));
    dl4j.setIteration(dl4j.iteration() + 1);
  }

  @Override
  public void computeGradientAndScore(INDArray features, INDArray labels) {
    // DL4J lays out its gradient views on its first backward pass, which this network never runs:
    // GradientLayout lays out the same ones ("vertex_param" in a graph, "layerIndex_param" in a
    // stack), which the engine writes into and the updater reads.
    GradientLayout.ensure(dl4j.dl4j());
    score = engine.computeGradientAndScore(features, labels);
  }

  @Override
  public double score() {
    return score;
  }

  @Override
  public void clear() {
    // The engine keeps nothing between calls; DL4J's network holds no input either.
  }

  @Override
  public void init(INDArray params) {
    dl4j.init(params);
  }

  @Override
  public long numParams() {
    return dl4j.numParams();
  }

  @Override
  public INDArray params() {
    return dl4j.params();
  }

  @Override
  public INDArray gradientView() {
    return dl4j.gradientView();
  }

  @Override
  public BaseMultiLayerUpdater<?> updater() {
    return dl4j.updater();
  }

  @Override
  public List<Trainable> orderedLayers() {
    return dl4j.orderedLayers();
  }

  @Override
  public void update(int examples) {
    dl4j.update(examples);
  }

  @Override
  public int iteration() {
    return dl4j.iteration();
  }

  @Override
  public void setIteration(int iteration) {
    dl4j.setIteration(iteration);
  }

  @Override
  public int epoch() {
    return dl4j.epoch();
  }

  @Override
  public void setEpoch(int epoch) {
    dl4j.setEpoch(epoch);
  }

  @Override
  public INDArray output(INDArray features) {
    // DL4J's inference would allocate beside the engine's memory: in one process with glibc's
    // single arena, its buffers took what the engine had freed, and the next training step
    // faulted its memory in anew (resnet50 at 224: an epoch's first step 10-18 s against 6 s).
    return engine.output(features);
  }

  @Override
  public void save(OutputStream out, boolean withUpdaterState) throws IOException {
    dl4j.save(out, withUpdaterState);
  }

  @Override
  public NeuralNetwork dl4j() {
    return dl4j.dl4j();
  }
}
