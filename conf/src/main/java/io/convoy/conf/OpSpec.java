package io.convoy.conf;

import io.convoy.conf.settings.PipelineOps;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One image operation of a pipeline and its numeric parameters. Scalars are one-element
 * lists so that every parameter has one type; which operations and parameters exist is
 * declared in {@link PipelineOps}.
 *
 * @param datasetStats true for {@code stats = dataset}: normalize or lighting takes its
 *     statistics from the training pack's index, which the driver puts into {@code params}
 *     before building the pipeline ({@link #withDatasetStats})
 */
public record OpSpec(String op, Map<String, List<Double>> params, boolean datasetStats) implements Serializable {
  public OpSpec(String op, Map<String, List<Double>> params) {
    this(op, params, false);
  }

  public OpSpec {
    TreeMap<String, List<Double>> copy = new TreeMap<>();
    params.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    params = java.util.Collections.unmodifiableSortedMap(copy);
  }

  public static OpSpec of(String op) {
    return new OpSpec(op, Map.of());
  }

  /** This operation with the dataset's statistics as its parameters ({@code stats = dataset} resolved). */
  public OpSpec withDatasetStats(Map<String, List<Double>> stats) {
    Map<String, List<Double>> all = new TreeMap<>(params);
    all.putAll(stats);
    return new OpSpec(op, all, false);
  }

  /** The scalar parameter {@code name}, or its default declared in {@link PipelineOps} when it is not given. */
  public double scalar(String name) {
    List<Double> v = params.get(name);
    return v == null ? declaredDefault(name).get(0) : v.get(0);
  }

  /** The list parameter {@code name}, or its default declared in {@link PipelineOps} when it is not given. */
  public List<Double> vector(String name) {
    List<Double> v = params.get(name);
    return v == null ? declaredDefault(name) : v;
  }

  private List<Double> declaredDefault(String name) {
    List<Double> d = PipelineOps.param(op, name).fallback();
    if (d == null) {
      throw new IllegalArgumentException(op + " " + name + " has no fixed default (it is "
          + PipelineOps.param(op, name).defaultText() + "): pass it to scalar(name, fallback)");
    }
    return d;
  }

  /** The scalar parameter {@code name}, or {@code fallback} when it is not given. */
  public double scalar(String name, double fallback) {
    List<Double> v = params.get(name);
    return v == null ? fallback : v.get(0);
  }

  /** The list parameter {@code name}, or {@code fallback} when it is not given. */
  public List<Double> vector(String name, List<Double> fallback) {
    return params.getOrDefault(name, fallback);
  }
}
