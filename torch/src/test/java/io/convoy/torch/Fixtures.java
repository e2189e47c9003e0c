package io.convoy.torch;

import io.convoy.conf.ModelConfig;
import io.convoy.conf.OptimizerConfig;
import io.convoy.conf.names.BackendName;
import io.convoy.conf.names.OptimizerName;
import io.convoy.conf.names.PoolingName;
import io.convoy.model.InputShape;
import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import io.convoy.model.TrainingPlan;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small zoo networks, inputs and per-variable views shared by this module's tests. */
public final class Fixtures {
  static final OptimizerConfig NESTEROV = new OptimizerConfig(OptimizerName.NESTEROV, 0.01, 0.9, 5e-4);

  private Fixtures() {}

  static ModelSpec spec(String arch, int size, int classes, BackendName backend) {
    return spec(arch, new InputShape(size, size, 3), classes, backend);
  }

  /**
   * A zoo network without dropout (libtorch's masks are not DL4J's). {@code variant} is the
   * architecture, optionally with "+bn" (batch norm on; alexnet's variant without LRN), "+avg"
   * (average pooling) and "+aux" (googlenet's auxiliary classifiers): "alexnet+bn", "simple-cnn+avg".
   */
  public static ModelSpec spec(String variant, InputShape input, int classes, BackendName backend) {
    String[] parts = variant.split("\\+");
    ModelConfig model = new ModelConfig(parts[0], classes).withBackend(backend).withDropout(0.0);
    for (int i = 1; i < parts.length; i++) {
      model = switch (parts[i]) {
        case "bn" -> model.withBatchNorm(true);
        case "avg" -> model.withPooling(PoolingName.AVG);
        case "aux" -> model.withAuxClassifiers(true);
        default -> throw new IllegalArgumentException(variant);
      };
    }
    return new ModelSpec(model, input, classes, NESTEROV, TrainingPlan.SINGLE);
  }

  /**
   * A DL4J replica whose batch norms have non-trivial gamma, beta and running statistics (fresh
   * ones are 1, 0, 0, 0, which would hide a mix-up between them).
   */
  static Replica dl4jReplica(String arch, int size, int classes, long seed) {
    return dl4jReplica(spec(arch, size, classes, BackendName.DL4J), seed);
  }

  /** {@link #dl4jReplica(String, int, int, long)} of {@code variant} (see {@link #spec(String, InputShape, int, BackendName)}). */
  static Replica dl4jReplica(String variant, InputShape input, int classes, long seed) {
    return dl4jReplica(spec(variant, input, classes, BackendName.DL4J), seed);
  }

  static Replica dl4jReplica(ModelSpec spec, long seed) {
    Replica r = Replica.initialize(spec, seed);
    perturbBatchNorms(r.dl4jNetwork(), seed);
    return r;
  }

  /** Non-trivial gamma, beta and running statistics in every batch norm of {@code network}. */
  static void perturbBatchNorms(NeuralNetwork network, long seed) {
    Random rnd = new Random(seed);
    for (Map.Entry<String, INDArray> v : variables(network).entrySet()) {
      String key = v.getKey();
      if (key.endsWith("_gamma")) {
        fill(v.getValue(), rnd, 0.6, 1.4);
      } else if (key.endsWith("_beta") || key.endsWith("_mean") || key.endsWith("_log10stdev")) {
        fill(v.getValue(), rnd, -0.3, 0.3);
      } else if (key.endsWith("_var")) {
        fill(v.getValue(), rnd, 0.5, 1.5);
      }
    }
  }

  /** A copy of {@code r}'s parameters in a replica trained by {@code backend}. */
  static Replica copy(Replica r, BackendName backend) {
    ModelSpec s = r.spec();
    return Replica.withParameters(new ModelSpec(s.model().withBackend(backend), s.input(), s.classes(),
        s.optimizer(), s.plan()), r.parameters());
  }

  /**
   * Every parameter view in the flattened order, by DL4J's variable name: "vertex_param" in a
   * graph, "layerIndex_param" in a stack.
   */
  static Map<String, INDArray> variables(NeuralNetwork network) {
    Map<String, INDArray> out = new LinkedHashMap<>();
    if (network instanceof MultiLayerNetwork stack) {
      org.deeplearning4j.nn.api.Layer[] layers = stack.getLayers();
      for (int i = 0; i < layers.length; i++) {
        int index = i;
        layers[i].paramTable(false).forEach((k, v) -> out.put(index + "_" + k, v));
      }
      return out;
    }
    ComputationGraph g = (ComputationGraph) network;
    GraphVertex[] vertices = g.getVertices();
    for (int i : g.topologicalSortOrder()) {
      if (vertices[i].hasLayer()) {
        vertices[i].getLayer().paramTable(false).forEach((k, v) -> out.put(vertices[i].getVertexName() + "_" + k, v));
      }
    }
    return out;
  }

  /** The variables' slices of a flat vector laid out like {@code r}'s parameters. */
  static Map<String, float[]> slices(Replica r, float[] flat) {
    return slices(r.dl4jNetwork(), flat);
  }

  static Map<String, float[]> slices(NeuralNetwork network, float[] flat) {
    Map<String, float[]> out = new LinkedHashMap<>();
    int offset = 0;
    for (Map.Entry<String, INDArray> v : variables(network).entrySet()) {
      int n = (int) v.getValue().length();
      float[] s = new float[n];
      System.arraycopy(flat, offset, s, 0, n);
      out.put(v.getKey(), s);
      offset += n;
    }
    if (offset != flat.length) {
      throw new IllegalStateException("variables cover " + offset + " of " + flat.length + " values");
    }
    return out;
  }

  /** DL4J's class probabilities in training mode (batch statistics), as either kind of network gives them. */
  static INDArray dl4jOutputTraining(NeuralNetwork network, INDArray x) {
    return network instanceof MultiLayerNetwork stack ? stack.output(x, true)
        : ((ComputationGraph) network).output(true, x)[0];
  }

  static INDArray dl4jOutput(NeuralNetwork network, INDArray x) {
    return network instanceof MultiLayerNetwork stack ? stack.output(x, false)
        : ((ComputationGraph) network).output(false, x)[0];
  }

  public static float[] features(int n, InputShape s, long seed) {
    Random rnd = new Random(seed);
    float[] x = new float[n * s.length()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rnd.nextGaussian();
    }
    return x;
  }

  public static int[] labels(int n, int classes, long seed) {
    Random rnd = new Random(seed);
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i < classes ? i : rnd.nextInt(classes);
    }
    return y;
  }

  /** The largest |a[i] - b[i]|. */
  static double maxDifference(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  /** ||a - b|| / ||b||, or ||a - b|| where b is (almost) zero. */
  static double relativeError(float[] a, float[] b) {
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < a.length; i++) {
      diff += Math.pow(a[i] - b[i], 2);
      norm += Math.pow(b[i], 2);
    }
    return Math.sqrt(diff) / Math.max(Math.sqrt(norm), 1e-6);
  }

  private static void fill(INDArray a, Random rnd, double lo, double hi) {
    float[] v = new float[(int) a.length()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (lo + (hi - lo) * rnd.nextDouble());
    }
    a.assign(Nd4j.createFromArray(v).reshape(a.shape()));
  }
}
