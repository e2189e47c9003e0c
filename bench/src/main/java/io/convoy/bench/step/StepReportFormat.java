package io.convoy.bench.step;

import io.convoy.conf.names.BackendName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code convoy bench step}'s output: tables for people, or one JSON object whose keys
 * bench/pytorch_step.py writes too, so that bench/vs-pytorch-step.sh reads both alike.
 */
final class StepReportFormat {
  private StepReportFormat() {}

  static String text(StepReport r, int threads, String natives, boolean perLayer) {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "convoy bench step: %s, input %s, %d classes, batch %d, %d thread(s), "
        + "backend %s (%s), %s%n", r.arch(), r.input(), r.classes(), r.batch(), threads,
        r.backend().backend().configName(), r.backend().reason(), natives));
    s.append(String.format(Locale.ROOT, "parameters %,d; forward %.3f GFLOPs per image (training ~3x)%n",
        r.params(), r.flopsPerImage() / 1e9));
    s.append(String.format(Locale.ROOT, "%.1f images/s, %.2f ms per step (median of %d rounds of %d steps; "
        + "min %.2f, max %.2f), %.1f GFLOP/s%n", r.imagesPerSec(), r.medianMs(), r.roundMs().length,
        r.stepsPerRound(), r.minMs(), r.maxMs(), r.gflops()));
    if (r.layers().isEmpty()) {
      if (r.backend().backend() != BackendName.DL4J) {
        s.append("(no per-type table: it drives DL4J's layers; --backend dl4j gives it for DL4J's step)\n");
      }
      return s.toString();
    }
    double sum = r.layerSumMs();
    s.append(String.format(Locale.ROOT, "%nby layer type (one step driven layer by layer):%n"));
    s.append(String.format(Locale.ROOT, "%-12s %6s %12s %12s %12s %7s%n", "type", "count", "forward ms",
        "backward ms", "total ms", "share"));
    for (StepReport.KindTime k : r.byKind().values()) {
      boolean update = k.kind() == LayerKind.UPDATE;
      s.append(String.format(Locale.ROOT, "%-12s %6d %12s %12s %12.2f %6.1f%%%n", k.kind().label(), k.count(),
          update ? "-" : String.format(Locale.ROOT, "%.2f", k.forwardMs()),
          update ? "-" : String.format(Locale.ROOT, "%.2f", k.backwardMs()), k.totalMs(), 100 * k.totalMs() / sum));
    }
    s.append(String.format(Locale.ROOT, "sum %.2f ms = %.2fx the whole step's median (%.2f ms)%n", sum,
        sum / r.medianMs(), r.medianMs()));
    if (perLayer) {
      int width = Math.max(5, r.layers().stream().mapToInt(l -> l.name().length()).max().orElse(5));
      s.append(String.format(Locale.ROOT, "%n%-" + width + "s  %-26s %-10s %12s %12s%n", "layer", "DL4J type",
          "kind", "forward ms", "backward ms"));
      for (StepReport.LayerTime l : r.layers()) {
        s.append(String.format(Locale.ROOT, "%-" + width + "s  %-26s %-10s %12.3f %12.3f%n", l.name(), l.type(),
            l.kind().label(), l.forwardMs(), l.backwardMs()));
      }
    }
    return s.toString();
  }

  /**
   * {@code framework, backend, arch, input, classes, batch, threads, params, images_per_sec, ms_per_step} (median),
   * {@code ms_per_step_min, ms_per_step_max, rounds, steps_per_round, round_ms, flops_per_image, gflops,
   * layer_sum_ms, types} ({@code {kind: {count, forward_ms, backward_ms, total_ms}}}, the update's time as its
   * backward) and, with {@code perLayer}, {@code layers}.
   */
  static Map<String, Object> json(StepReport r, int threads, boolean perLayer) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("framework", "convoy");
    m.put("backend", r.backend().backend().configName());
    m.put("backend_reason", r.backend().reason());
    m.put("arch", r.arch());
    m.put("input", r.input().toString());
    m.put("classes", r.classes());
    m.put("batch", r.batch());
    m.put("threads", threads);
    m.put("params", r.params());
    m.put("images_per_sec", r.imagesPerSec());
    m.put("ms_per_step", r.medianMs());
    m.put("ms_per_step_min", r.minMs());
    m.put("ms_per_step_max", r.maxMs());
    m.put("rounds", r.roundMs().length);
    m.put("steps_per_round", r.stepsPerRound());
    m.put("round_ms", r.roundMs());
    m.put("flops_per_image", r.flopsPerImage());
    m.put("gflops", r.gflops());
    if (!r.layers().isEmpty()) {
      m.put("layer_sum_ms", r.layerSumMs());
      Map<String, Object> types = new LinkedHashMap<>();
      for (StepReport.KindTime k : r.byKind().values()) {
        Map<String, Object> type = new LinkedHashMap<>();
        type.put("count", k.count());
        type.put("forward_ms", k.forwardMs());
        type.put("backward_ms", k.backwardMs());
        type.put("total_ms", k.totalMs());
        types.put(k.kind().label(), type);
      }
      m.put("types", types);
    }
    if (perLayer) {
      List<Map<String, Object>> layers = new ArrayList<>();
      for (StepReport.LayerTime l : r.layers()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", l.name());
        row.put("type", l.kind().label());
        row.put("dl4j_type", l.type());
        row.put("forward_ms", l.forwardMs());
        row.put("backward_ms", l.backwardMs());
        layers.add(row);
      }
      m.put("layers", layers);
    }
    return m;
  }
}
