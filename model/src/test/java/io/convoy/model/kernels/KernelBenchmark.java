package io.convoy.model.kernels;

import io.convoy.conf.OptimizerConfig;
import io.convoy.conf.names.OptimizerName;
import io.convoy.model.InputShape;
import io.convoy.model.ModelSpec;
import io.convoy.model.NativeVariant;
import io.convoy.model.Replica;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times batch norm and whole training steps with convoy's kernels and with DL4J's own helpers,
 * alternating in one JVM (the machine is shared: only same-run comparisons mean anything).
 * Not a test: run its main with the test classpath,
 * {@code KernelBenchmark bn|step THREADS [ARCH SIZE BATCH ROUNDS STEPS]}; set OMP_NUM_THREADS too.
 */
public final class KernelBenchmark {
  private KernelBenchmark() {}

  public static void main(String[] args) {
    NativeVariant.select();
    int threads = Integer.parseInt(args[1]);
    Nd4j.getEnvironment().setMaxMasterThreads(threads);
    Nd4j.getEnvironment().setMaxThreads(threads);
    Nd4j.factory().blas().setMaxThreads(threads);
    System.out.println(NativeVariant.loaded() + ", " + threads + " thread(s)");
    if (args[0].equals("bn")) {
      batchNorm();
    } else if (args[0].equals("profile")) {
      // only the kernels-on replica, for a profiler (-XX:StartFlightRecording)
      profile(args.length > 2 ? args[2] : "resnet20", args.length > 3 ? Integer.parseInt(args[3]) : 32,
          args.length > 4 ? Integer.parseInt(args[4]) : 64, args.length > 5 ? Integer.parseInt(args[5]) : 100);
    } else {
      String arch = args.length > 2 ? args[2] : "resnet20";
      int size = args.length > 3 ? Integer.parseInt(args[3]) : 32;
      int batch = args.length > 4 ? Integer.parseInt(args[4]) : 64;
      int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 7;
      int steps = args.length > 6 ? Integer.parseInt(args[6]) : 10;
      steps(arch, size, batch, rounds, steps);
    }
  }

  /** Forward + backward of one layer in training mode: minimum over repetitions, in ms. */
  private static void batchNorm() {
    for (int pass = 0; pass < 2; pass++) { // the first pass warms up the JIT
      System.out.println(pass == 0 ? "warm-up pass:" : "measured pass:");
      batchNormPass();
    }
  }

  private static void batchNormPass() {
    long[][] shapes = {{64, 16, 32, 32}, {64, 32, 16, 16}, {64, 64, 8, 8}, {16, 64, 56, 56}, {16, 256, 56, 56}};
    for (long[] shape : shapes) {
      StringBuilder line = new StringBuilder(Arrays.toString(shape));
      for (String variant : List.of("convoy", "dl4j-onednn", "dl4j-builtin")) {
        Layer layer = layer(shape, variant);
        INDArray x = Nd4j.randn(DataType.FLOAT, shape);
        INDArray dy = Nd4j.randn(DataType.FLOAT, shape);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        int reps = shape[0] * shape[1] * shape[2] * shape[3] > 5_000_000 ? 10 : 40;
        double fwd = Double.MAX_VALUE;
        double both = Double.MAX_VALUE;
        for (int i = 0; i < reps + 5; i++) {
          long t0 = System.nanoTime();
          layer.setInput(x, mgr);
          layer.activate(true, mgr);
          long t1 = System.nanoTime();
          layer.backpropGradient(dy, mgr);
          long t2 = System.nanoTime();
          if (i >= 5) {
            fwd = Math.min(fwd, (t1 - t0) / 1e6);
            both = Math.min(both, (t2 - t0) / 1e6);
          }
        }
        line.append(String.format("  %s fwd %.3f fwd+bwd %.3f", variant, fwd, both));
      }
      System.out.println(line);
    }
  }

  private static Layer layer(long[] shape, String variant) {
    System.setProperty(NativeVariant.HELPERS_DISABLED_PROPERTY, String.valueOf(variant.equals("dl4j-builtin")));
    try {
      var conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).list()
          .layer(new BatchNormalization.Builder().build())
          .setInputType(InputType.convolutional(shape[2], shape[3], shape[1])).build();
      MultiLayerNetwork net = new MultiLayerNetwork(conf);
      net.init();
      net.initGradientsView();
      if (variant.equals("convoy")) {
        Kernels.install(List.of(net.getLayer(0)));
      }
      return net.getLayer(0);
    } finally {
      System.setProperty(NativeVariant.HELPERS_DISABLED_PROPERTY, "false");
    }
  }

  private static void profile(String arch, int size, int batch, int steps) {
    ModelSpec spec = new ModelSpec(arch, new InputShape(size, size, 3), 10,
        new OptimizerConfig(OptimizerName.NESTEROV, 0.01, 0.9, 1e-4));
    Replica on = Replica.initialize(spec, 1);
    Random random = new Random(1);
    float[] x = new float[batch * 3 * size * size];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    int[] y = new int[batch];
    System.out.printf("%.1f img/s%n", rate(on, x, y, batch, steps)[0]);
  }

  /** Images per second of Replica.fit, rounds alternating between kernels on and off. */
  private static void steps(String arch, int size, int batch, int rounds, int steps) {
    ModelSpec spec = new ModelSpec(arch, new InputShape(size, size, 3), 10,
        new OptimizerConfig(OptimizerName.NESTEROV, 0.01, 0.9, 1e-4));
    System.setProperty(Kernels.PROPERTY, "off");
    Replica off = Replica.initialize(spec, 1);
    System.setProperty(Kernels.PROPERTY, "on");
    Replica on = Replica.initialize(spec, 1);
    Random random = new Random(1);
    float[] x = new float[batch * 3 * size * size];
    int[] y = new int[batch];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextGaussian();
    }
    for (int i = 0; i < batch; i++) {
      y[i] = random.nextInt(10);
    }
    for (int i = 0; i < 3; i++) {
      off.fit(x, y, batch);
      on.fit(x, y, batch);
    }
    List<Double> rateOff = new ArrayList<>();
    List<Double> rateOn = new ArrayList<>();
    List<Double> cpuRateOff = new ArrayList<>();
    List<Double> cpuRateOn = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      double[] o = rate(off, x, y, batch, steps);
      double[] n = rate(on, x, y, batch, steps);
      rateOff.add(o[0]);
      cpuRateOff.add(o[1]);
      rateOn.add(n[0]);
      cpuRateOn.add(n[1]);
      System.out.printf("round %d: kernels off %.1f img/s (%.1f per CPU-s), on %.1f img/s (%.1f per CPU-s)%n", r, o[0],
          o[1], n[0], n[1]);
    }
    System.out.printf("%s %dx%d batch %d: off median %.1f [%.1f-%.1f], on median %.1f [%.1f-%.1f] img/s%n", arch,
        size, size, batch, median(rateOff), min(rateOff), max(rateOff), median(rateOn), min(rateOn), max(rateOn));
    System.out.printf("  per process CPU-second: off median %.1f [%.1f-%.1f], on median %.1f [%.1f-%.1f]%n",
        median(cpuRateOff), min(cpuRateOff), max(cpuRateOff), median(cpuRateOn), min(cpuRateOn), max(cpuRateOn));
  }

  /**
   * Images per wall-clock second and per CPU-second of this process (all its threads: ND4J's and
   * the kernels' workers, JIT and GC too). On a shared, oversubscribed machine the second still
   * measures the work a step takes where the first mostly measures the neighbours.
   */
  private static double[] rate(Replica replica, float[] x, int[] y, int batch, int steps) {
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long t = System.nanoTime();
    for (int i = 0; i < steps; i++) {
      replica.fit(x, y, batch);
    }
    double wall = (System.nanoTime() - t) / 1e9;
    double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
    return new double[] {steps * batch / wall, steps * batch / cpuSeconds};
  }

  private static double median(List<Double> v) {
    List<Double> s = v.stream().sorted().toList();
    return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
  }

  private static double min(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).min().orElse(0);
  }

  private static double max(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).max().orElse(0);
  }
}
