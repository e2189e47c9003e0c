package io.convoy.bench.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.conf.OptimizerConfig;
import io.convoy.conf.names.BackendName;
import io.convoy.conf.names.OptimizerName;
import io.convoy.model.InputShape;
import io.convoy.model.ModelSpec;
import io.convoy.model.ModelSummary;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The step timer on tiny inputs: every time positive, every layer and graph vertex in the tables. No timings asserted. */
class StepTimerTest {
  static final OptimizerConfig NESTEROV = new OptimizerConfig(OptimizerName.NESTEROV, 0.01, 0.9, 5e-4);
  static final StepTimer.Settings QUICK = new StepTimer.Settings(4, 1, 2, 1, 1, 7);

  /** DL4J's step: the per-layer table drives DL4J's layers. */
  static StepReport time(String arch, InputShape input) {
    return new StepTimer(new ModelSpec(arch, input, 3, NESTEROV).withBackend(BackendName.DL4J), QUICK).run();
  }

  @Test
  void lenetStepAndEveryLayerHavePositiveTimes() {
    StepReport r = time("lenet", new InputShape(16, 16, 1));
    assertEquals(2, r.roundMs().length);
    assertTrue(r.medianMs() > 0 && r.minMs() <= r.medianMs() && r.medianMs() <= r.maxMs(), r.toString());
    assertTrue(r.imagesPerSec() > 0 && r.gflops() > 0);
    assertEquals(ModelSummary.of(new ModelSpec("lenet", new InputShape(16, 16, 1), 3, NESTEROV)).flops(),
        r.flopsPerImage());
    // conv, pool, conv, pool, dense, output: one row per DL4J layer, each with forward and backward time
    assertEquals(6, r.layers().size());
    for (StepReport.LayerTime l : r.layers()) {
      assertTrue(l.forwardMs() > 0 && l.backwardMs() > 0, l.toString());
    }
    assertTrue(r.updateMs() > 0);
    Map<LayerKind, StepReport.KindTime> kinds = r.byKind();
    assertEquals(Set.of(LayerKind.CONV, LayerKind.POOLING, LayerKind.DENSE, LayerKind.OUTPUT, LayerKind.UPDATE),
        kinds.keySet());
    assertEquals(2, kinds.get(LayerKind.CONV).count());
    double sum = kinds.values().stream().mapToDouble(StepReport.KindTime::totalMs).sum();
    assertEquals(r.layerSumMs(), sum, 1e-9);
  }

  @Test
  void resnet20TableCoversEveryLayerAndEveryGraphVertex() {
    InputShape in = new InputShape(8, 8, 3);
    StepReport r = time("resnet20", in);
    Set<String> timed = r.layers().stream().map(StepReport.LayerTime::name).collect(Collectors.toSet());
    for (ModelSummary.Layer l : ModelSummary.of(new ModelSpec("resnet20", in, 3, NESTEROV)).layers()) {
      assertTrue(timed.contains(l.name()), "layer " + l.name() + " is not timed");
    }
    // The vertices without a layer: 9 residual additions, and 2 option-A shortcuts of a scaling and a concatenation.
    assertEquals(9 + 2 * 2, r.layers().stream().filter(l -> l.kind() == LayerKind.MERGE).count());
    assertTrue(timed.containsAll(Set.of("stage1_block1_add", "stage2_block1_zeropad", "stage2_block1_zeros")));
    assertFalse(r.byKind().containsKey(LayerKind.OTHER), r.byKind().toString());
    assertEquals(19, r.byKind().get(LayerKind.CONV).count());
    assertEquals(19, r.byKind().get(LayerKind.BATCHNORM).count());
    for (StepReport.LayerTime l : r.layers()) {
      assertTrue(l.forwardMs() > 0 && l.backwardMs() > 0, l.toString());
    }
  }

  @Test
  void settingsRejectWhatCannotBeTimed() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new StepTimer.Settings(0, 1, 1, 1, 1, 1));
    assertTrue(e.getMessage().contains("batch: expected at least 1, found 0"), e.getMessage());
  }
}
