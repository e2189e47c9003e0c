package io.convoy.bench.step;

import io.convoy.conf.names.BackendName;
import io.convoy.model.BackendChoice;
import io.convoy.model.InputShape;
import io.convoy.model.ModelSpec;
import io.convoy.model.ModelSummary;
import io.convoy.model.Replica;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times one replica's training step ({@link Replica#fit}: forward, backward, optimizer update)
 * on random inputs drawn once: warm-up steps first (oneDNN picks and compiles its kernels on the
 * first ones), then {@code rounds} rounds of {@code steps} steps. Afterwards it drives the same
 * network one layer at a time ({@link LayerDriver}) for {@code layerRounds} more steps and keeps
 * each layer's median forward and backward time, so that a table by layer type explains the
 * whole step. Uses whatever native threads ND4J is set to; the caller sets them.
 */
public final class StepTimer {
  /**
   * How much to measure.
   *
   * @param batch examples per step
   * @param warmup untimed steps before the first round
   * @param rounds timed rounds (the report gives their median)
   * @param steps steps per round, or 0 to choose from the warm-up: enough for about
   *     {@link #AUTO_ROUND_SECONDS} per round
   * @param layerRounds layer-by-layer passes (0: no per-layer times)
   * @param seed weights and inputs
   */
  public record Settings(int batch, int warmup, int rounds, int steps, int layerRounds, long seed) {
    public Settings {
      require("batch", batch, 1);
      require("warmup", warmup, 0);
      require("rounds", rounds, 1);
      require("steps", steps, 0);
      require("layer rounds", layerRounds, 0);
    }

    private static void require(String what, int value, int min) {
      if (value < min) {
        throw new IllegalArgumentException(what + ": expected at least " + min + ", found " + value);
      }
    }
  }

  /** With {@code steps = 0}: the target length of a round, long enough to smooth timer noise. */
  public static final double AUTO_ROUND_SECONDS = 1.0;

  private final ModelSpec spec;
  private final Settings settings;

  public StepTimer(ModelSpec spec, Settings settings) {
    this.spec = spec;
    this.settings = settings;
  }

  public StepReport run() {
    ModelSummary summary = ModelSummary.of(spec);
    Replica replica = Replica.initialize(spec, settings.seed());
    BackendChoice backend = replica.backend();
    int n = settings.batch();
    InputShape in = spec.input();
    Random random = new Random(settings.seed());
    float[] features = new float[n * in.length()];
    for (int i = 0; i < features.length; i++) {
      features[i] = (float) random.nextGaussian();
    }
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = random.nextInt(spec.classes());
    }

    double warmupSeconds = 0;
    for (int i = 0; i < Math.max(1, settings.warmup()); i++) {
      // At least one step: the layer driver needs the gradient views DL4J lays out on the first.
      long start = System.nanoTime();
      replica.fit(features, labels, n);
      warmupSeconds = (System.nanoTime() - start) / 1e9; // the last one, the most settled
    }
    int steps = settings.steps() > 0 ? settings.steps()
        : (int) Math.max(1, Math.min(1000, Math.round(AUTO_ROUND_SECONDS / warmupSeconds)));
    double[] roundMs = new double[settings.rounds()];
    for (int r = 0; r < roundMs.length; r++) {
      long start = System.nanoTime();
      for (int s = 0; s < steps; s++) {
        replica.fit(features, labels, n);
      }
      roundMs[r] = (System.nanoTime() - start) / 1e6 / steps;
    }

    List<StepReport.LayerTime> layers = new ArrayList<>();
    double updateMs = 0;
    // The layer-by-layer pass drives DL4J's layers: it says nothing of another backend's step.
    if (settings.layerRounds() > 0 && backend.backend() == BackendName.DL4J) {
      LayerDriver driver = LayerDriver.of(replica.dl4jNetwork());
      INDArray x = Nd4j.create(features, new long[] {n, in.channels(), in.height(), in.width()}, 'c');
      INDArray y = Nd4j.zeros(DataType.FLOAT, n, spec.classes());
      for (int i = 0; i < n; i++) {
        y.putScalar(i, labels[i], 1f);
      }
      List<LayerDriver.Unit> units = driver.units();
      double[][] forward = new double[units.size()][settings.layerRounds()];
      double[][] backward = new double[units.size()][settings.layerRounds()];
      double[] update = new double[settings.layerRounds()];
      long[] f = new long[units.size()];
      long[] b = new long[units.size()];
      for (int r = 0; r < settings.layerRounds(); r++) {
        update[r] = driver.pass(x, y, f, b) / 1e6;
        for (int u = 0; u < units.size(); u++) {
          forward[u][r] = f[u] / 1e6;
          backward[u][r] = b[u] / 1e6;
        }
      }
      for (int u = 0; u < units.size(); u++) {
        LayerDriver.Unit unit = units.get(u);
        layers.add(new StepReport.LayerTime(unit.name(), unit.type(), unit.kind(), StepReport.median(forward[u]),
            StepReport.median(backward[u])));
      }
      updateMs = StepReport.median(update);
    }
    return new StepReport(spec.arch(), in, spec.classes(), n, summary.params(), summary.flops(), steps, roundMs,
        layers, updateMs, backend);
  }
}
