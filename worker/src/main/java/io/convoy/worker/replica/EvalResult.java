package io.convoy.worker.replica;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** Evaluation sums over validation shards; {@link #add} merges in place. */
public final class EvalResult implements Serializable {
  final int classes;
  long examples;
  long top1;
  long top5;
  double lossSum;
  /** Row = true class, column = predicted class. */
  final long[] confusion;
  /** Validation samples left out, as {@code path<TAB>reason}. */
  ArrayList<String> skipped = new ArrayList<>(0);

  public EvalResult(int classes) {
    this.classes = classes;
    this.confusion = new long[classes * classes];
  }

  public EvalResult add(EvalResult o) {
    examples += o.examples;
    top1 += o.top1;
    top5 += o.top5;
    lossSum += o.lossSum;
    for (int i = 0; i < confusion.length; i++) {
      confusion[i] += o.confusion[i];
    }
    skipped.addAll(o.skipped);
    return this;
  }

  /** Validation samples that could not be read or decoded, as {@code path<TAB>reason}. */
  public List<String> skipped() {
    return skipped;
  }

  /** Scores one example given its class probabilities. */
  public void record(float[] probabilities, int offset, int label) {
    float p = probabilities[offset + label];
    int higher = 0;
    int argmax = 0;
    for (int c = 0; c < classes; c++) {
      float q = probabilities[offset + c];
      if (q > p) {
        higher++;
      }
      if (q > probabilities[offset + argmax]) {
        argmax = c;
      }
    }
    examples++;
    if (higher == 0) {
      top1++;
    }
    if (higher < 5) {
      top5++;
    }
    lossSum += -Math.log(Math.max(p, 1e-12));
    confusion[label * classes + argmax]++;
  }

  public long examples() {
    return examples;
  }

  public double top1() {
    return examples == 0 ? Double.NaN : (double) top1 / examples;
  }

  public double top5() {
    return examples == 0 ? Double.NaN : (double) top5 / examples;
  }

  public double loss() {
    return examples == 0 ? Double.NaN : lossSum / examples;
  }

  /** Confusion matrix as rows (true class) of predicted-class counts. */
  public long[][] confusionMatrix() {
    long[][] m = new long[classes][classes];
    for (int r = 0; r < classes; r++) {
      System.arraycopy(confusion, r * classes, m[r], 0, classes);
    }
    return m;
  }
}
