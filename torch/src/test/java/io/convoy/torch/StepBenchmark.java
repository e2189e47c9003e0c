package io.convoy.torch;

import com.sun.management.OperatingSystemMXBean;
import io.convoy.conf.names.BackendName;
import io.convoy.model.InputShape;
import io.convoy.model.Replica;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * A benchmark, not a test: one replica's training step (Replica.fit: forward, backward, Nesterov
 * update) on both backends, alternating rounds in one JVM, as images/s (median and range over
 * rounds) and process CPU-seconds per image (which a loaded machine distorts less than wall time).
 *
 * <pre>
 * java ... io.convoy.torch.StepBenchmark [arch=resnet20] [size=32] [channels=3] [batch=64] [threads=1,2] [rounds=5] [steps=5]
 *     [mode=fit|gradient]
 * </pre>
 */
public final class StepBenchmark {
  private StepBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new java.util.HashMap<>();
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      a.put(kv[0], kv[1]);
    }
    String arch = a.getOrDefault("arch", "resnet20");
    int size = Integer.parseInt(a.getOrDefault("size", "32"));
    // the zoo's networks without dropout (see Fixtures.spec), so both backends do the same work
    InputShape shape = new InputShape(size, size, Integer.parseInt(a.getOrDefault("channels", "3")));
    int batch = Integer.parseInt(a.getOrDefault("batch", "64"));
    int rounds = Integer.parseInt(a.getOrDefault("rounds", "5"));
    int steps = Integer.parseInt(a.getOrDefault("steps", "5"));
    // fit: the whole step; gradient: forward and backward only (Replica.computeGradient)
    boolean fit = !a.getOrDefault("mode", "fit").equals("gradient");
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    System.out.printf("%s %s batch %d, %s, %d rounds x %d steps, load %s%n", arch, shape, batch,
        fit ? "fit" : "gradient", rounds, steps, load());
    for (String t : a.getOrDefault("threads", "1,2").split(",")) {
      int threads = Integer.parseInt(t);
      threads(threads);
      Map<BackendName, Replica> replicas = new EnumMap<>(BackendName.class);
      Map<BackendName, List<double[]>> results = new EnumMap<>(BackendName.class);
      for (BackendName b : BackendName.values()) {
        replicas.put(b, Replica.initialize(Fixtures.spec(arch, shape, 10, b), 1));
        results.put(b, new ArrayList<>());
      }
      InputShape s = replicas.get(BackendName.DL4J).spec().input();
      Map<BackendName, float[]> gradient = new EnumMap<>(BackendName.class);
      replicas.forEach((b, r) -> gradient.put(b, new float[r.numParameters()]));
      float[] x = Fixtures.features(batch, s, 1);
      int[] y = Fixtures.labels(batch, 10, 2);
      for (Replica r : replicas.values()) {
        for (int i = 0; i < 3; i++) {
          r.fit(x, y, batch); // warm-up: oneDNN primitives, DL4J's first pass, allocations
        }
      }
      for (int round = 0; round < rounds; round++) {
        for (BackendName b : BackendName.values()) {
          long cpu0 = os.getProcessCpuTime();
          long t0 = System.nanoTime();
          for (int i = 0; i < steps; i++) {
            if (fit) {
              replicas.get(b).fit(x, y, batch);
            } else {
              replicas.get(b).computeGradient(x, y, batch, gradient.get(b));
            }
          }
          double wall = (System.nanoTime() - t0) / 1e9;
          double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
          results.get(b).add(new double[] {steps * batch / wall, cpu / (steps * batch)});
        }
      }
      for (BackendName b : BackendName.values()) {
        List<Double> rate = results.get(b).stream().map(r -> r[0]).sorted().toList();
        List<Double> cpu = results.get(b).stream().map(r -> r[1]).sorted().toList();
        System.out.printf("%-8s threads %d: %7.1f img/s median [%.1f-%.1f], %.2f CPU-ms/img median [%.2f-%.2f]%n",
            b.configName(), threads, rate.get(rate.size() / 2), rate.get(0), rate.get(rate.size() - 1),
            1e3 * cpu.get(cpu.size() / 2), 1e3 * cpu.get(0), 1e3 * cpu.get(cpu.size() - 1));
      }
    }
    System.out.printf("load at the end %s%n", load());
  }

  /** As convoy's worker sets them per replica (worker's NativeThreads); libtorch follows ND4J's count. */
  private static void threads(int threads) {
    Nd4j.getEnvironment().setMaxMasterThreads(threads);
    Nd4j.getEnvironment().setMaxThreads(threads);
    Nd4j.factory().blas().setMaxThreads(threads);
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
  }

  private static String load() throws Exception {
    return Files.readString(Path.of("/proc/loadavg")).trim();
  }
}
