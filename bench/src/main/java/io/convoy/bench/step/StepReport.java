package io.convoy.bench.step;

import io.convoy.model.BackendChoice;
import io.convoy.model.InputShape;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link StepTimer} measured: the whole step's time in every round, and each layer's
 * forward and backward time (medians over the layer rounds) plus the optimizer update's.
 *
 * @param arch architecture name
 * @param input per-example input shape
 * @param classes outputs of the classifier
 * @param batch examples per step
 * @param params parameters as papers count them (batch norm running statistics excluded)
 * @param flopsPerImage forward FLOPs of one example (2 x multiply-adds of convs and dense layers)
 * @param stepsPerRound steps timed together in each round
 * @param roundMs milliseconds per step of each round, in the order measured
 * @param layers each layer's times, in forward order
 * @param updateMs the optimizer update's time (median over the layer rounds)
 * @param backend what computed the gradients, and why ({@code model.backend = auto} resolved)
 */
public record StepReport(String arch, InputShape input, int classes, int batch, long params, long flopsPerImage,
    int stepsPerRound, double[] roundMs, List<LayerTime> layers, double updateMs, BackendChoice backend) {

  /** One layer (or graph vertex) of the network: DL4J's name and type, its kind, and its times. */
  public record LayerTime(String name, String type, LayerKind kind, double forwardMs, double backwardMs) {}

  /** The layers of one kind together. */
  public record KindTime(LayerKind kind, int count, double forwardMs, double backwardMs) {
    public double totalMs() {
      return forwardMs + backwardMs;
    }
  }

  public StepReport {
    roundMs = roundMs.clone();
    layers = List.copyOf(layers);
  }

  @Override
  public double[] roundMs() {
    return roundMs.clone();
  }

  /** Median over the rounds of the milliseconds per step. */
  public double medianMs() {
    return median(roundMs);
  }

  public double minMs() {
    return Arrays.stream(roundMs).min().orElse(Double.NaN);
  }

  public double maxMs() {
    return Arrays.stream(roundMs).max().orElse(Double.NaN);
  }

  /** Training images per second at the median step time. */
  public double imagesPerSec() {
    return batch * 1000.0 / medianMs();
  }

  /** Training FLOPs per second at the median step time, counting a step as 3 x the forward FLOPs. */
  public double gflops() {
    return 3.0 * flopsPerImage * batch / (medianMs() / 1000.0) / 1e9;
  }

  /**
   * Forward and backward time of every kind present, in {@link LayerKind} order, the update as
   * its own kind (its time in the backward column: it runs after the backward pass).
   */
  public Map<LayerKind, KindTime> byKind() {
    Map<LayerKind, KindTime> kinds = new EnumMap<>(LayerKind.class);
    for (LayerTime l : layers) {
      kinds.merge(l.kind(), new KindTime(l.kind(), 1, l.forwardMs(), l.backwardMs()),
          (a, b) -> new KindTime(a.kind(), a.count() + b.count(), a.forwardMs() + b.forwardMs(),
              a.backwardMs() + b.backwardMs()));
    }
    kinds.put(LayerKind.UPDATE, new KindTime(LayerKind.UPDATE, 1, 0, updateMs));
    return kinds;
  }

  /** The layers' forward and backward times and the update's, summed: what the table explains. */
  public double layerSumMs() {
    return layers.stream().mapToDouble(l -> l.forwardMs() + l.backwardMs()).sum() + updateMs;
  }

  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
