package io.convoy.worker;

import java.io.Serializable;

/**
 * Sums over the replicas of one round; {@link #add} merges two in place (for treeAggregate).
 * {@code vectorSum} holds parameters in {@code parameters} mode and minibatch gradients
 * (summed over examples) in {@code gradients} mode. Times are summed over tasks except
 * {@code slowestTaskNanos}.
 */
public final class RoundResult implements Serializable {
  float[] vectorSum;
  float[] updaterStateSum;
  int replicas;
  long examples;
  long batches;
  double lossSum;
  long dataNanos;
  long computeNanos;
  long slowestTaskNanos;

  /** The neutral element. */
  public static RoundResult empty() {
    return new RoundResult();
  }

  public RoundResult add(RoundResult other) {
    if (other.replicas == 0) {
      return this;
    }
    if (replicas == 0) {
      return other;
    }
    addInto(vectorSum, other.vectorSum);
    addInto(updaterStateSum, other.updaterStateSum);
    replicas += other.replicas;
    examples += other.examples;
    batches += other.batches;
    lossSum += other.lossSum;
    dataNanos += other.dataNanos;
    computeNanos += other.computeNanos;
    slowestTaskNanos = Math.max(slowestTaskNanos, other.slowestTaskNanos);
    return this;
  }

  private static void addInto(float[] into, float[] from) {
    if (into.length != from.length) {
      throw new IllegalStateException("replicas disagree on vector length: " + into.length + " vs " + from.length);
    }
    for (int i = 0; i < into.length; i++) {
      into[i] += from[i];
    }
  }

  /** The averaged parameters ({@code parameters} mode). */
  public float[] meanParameters() {
    return mean(vectorSum);
  }

  /** The summed gradients ({@code gradients} mode). */
  public float[] vectorSum() {
    return vectorSum;
  }

  /** The averaged updater state (empty when it did not travel). */
  public float[] meanUpdaterState() {
    return mean(updaterStateSum);
  }

  private float[] mean(float[] sum) {
    float[] m = new float[sum.length];
    for (int i = 0; i < sum.length; i++) {
      m[i] = sum[i] / replicas;
    }
    return m;
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

  public long dataNanos() {
    return dataNanos;
  }

  public long computeNanos() {
    return computeNanos;
  }

  public long slowestTaskNanos() {
    return slowestTaskNanos;
  }
}
