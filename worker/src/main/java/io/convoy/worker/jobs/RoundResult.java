package io.convoy.worker.jobs;

import io.convoy.worker.replica.RoundTimings;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Sums over the replicas of one round; {@link #add} merges two in place (for treeAggregate).
 * The vector holds parameters in {@code parameters} mode and minibatch gradients (summed over
 * examples) in {@code gradients} mode. A task sends its own vectors as floats; merged results
 * are summed in double precision, which makes the sum exact (hence independent of the order in
 * which tasks finish) unless one value differs across replicas by more than 2^29 in magnitude.
 * Times are summed over tasks except {@code slowestTaskSeconds}.
 */
public final class RoundResult implements Serializable {
  float[] vector;
  float[] updaterState;
  double[] vectorSum;
  double[] updaterStateSum;
  int replicas;
  public long examples;
  public long batches;
  public double lossSum;
  /** The task's times: broadcast, data and compute, summed over tasks. */
  public RoundTimings timings = RoundTimings.ZERO;
  double slowestTaskSeconds;
  /** Samples left out of this round's minibatches, as {@code path<TAB>reason}. */
  ArrayList<String> skipped = new ArrayList<>(0);

  /** The neutral element. */
  public static RoundResult empty() {
    return new RoundResult();
  }

  /** One replica's contribution. */
  public static RoundResult of(float[] vector, float[] updaterState) {
    RoundResult r = new RoundResult();
    r.vector = vector;
    r.updaterState = updaterState;
    r.replicas = 1;
    return r;
  }

  public RoundResult add(RoundResult other) {
    if (other.replicas == 0) {
      return this;
    }
    if (replicas == 0) {
      return other;
    }
    vectorSum = addInto(sum(vector, vectorSum), other.vector, other.vectorSum);
    updaterStateSum = addInto(sum(updaterState, updaterStateSum), other.updaterState, other.updaterStateSum);
    vector = null;
    updaterState = null;
    replicas += other.replicas;
    examples += other.examples;
    batches += other.batches;
    lossSum += other.lossSum;
    timings = timings.plus(other.timings);
    slowestTaskSeconds = Math.max(slowestTaskSeconds, other.slowestTaskSeconds);
    skipped.addAll(other.skipped);
    return this;
  }

  private static double[] sum(float[] single, double[] sum) {
    if (sum != null) {
      return sum;
    }
    double[] d = new double[single.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = single[i];
    }
    return d;
  }

  private static double[] addInto(double[] into, float[] single, double[] sum) {
    int length = sum != null ? sum.length : single.length;
    if (into.length != length) {
      throw new IllegalStateException("replicas disagree on vector length: " + into.length + " vs " + length);
    }
    if (sum != null) {
      for (int i = 0; i < into.length; i++) {
        into[i] += sum[i];
      }
    } else {
      for (int i = 0; i < into.length; i++) {
        into[i] += single[i];
      }
    }
    return into;
  }

  /** The averaged parameters ({@code parameters} mode). */
  public float[] meanParameters() {
    return scaled(vector, vectorSum, 1.0 / replicas);
  }

  /** The summed gradients ({@code gradients} mode). */
  public float[] vectorSum() {
    return scaled(vector, vectorSum, 1.0);
  }

  /** The averaged updater state (empty when it did not travel). */
  public float[] meanUpdaterState() {
    return scaled(updaterState, updaterStateSum, 1.0 / replicas);
  }

  private static float[] scaled(float[] single, double[] sum, double factor) {
    if (sum == null) {
      float[] out = single.clone();
      if (factor != 1.0) {
        for (int i = 0; i < out.length; i++) {
          out[i] = (float) (out[i] * factor);
        }
      }
      return out;
    }
    float[] out = new float[sum.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (sum[i] * factor);
    }
    return out;
  }

  /** Samples left out of this round's minibatches, as {@code path<TAB>reason}. */
  public List<String> skipped() {
    return skipped;
  }

  public int replicas() {
    return replicas;
  }

  public long examples() {
    return examples;
  }

  public long batches() {
    return batches;
  }

  /** Mean minibatch loss over every replica's minibatches. */
  public double meanLoss() {
    return batches == 0 ? Double.NaN : lossSum / batches;
  }

  /** Where the tasks' time went (broadcast, data, compute), summed over tasks. */
  public RoundTimings timings() {
    return timings;
  }

  /** Wall time of the slowest task, from its start to its result. */
  public double slowestTaskSeconds() {
    return slowestTaskSeconds;
  }
}
