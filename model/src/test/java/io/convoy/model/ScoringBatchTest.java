package io.convoy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.convoy.conf.OptimizerConfig;
import io.convoy.conf.names.OptimizerName;
import org.junit.jupiter.api.Test;

/** Images per scoring pass: the cap on small images, fewer where a batch's layer outputs would be large. */
class ScoringBatchTest {
  private static final OptimizerConfig SGD = new OptimizerConfig(OptimizerName.SGD, 0.1, 0, 0);

  @Test
  void smallImagesScoreInFullBatches() {
    assertEquals(64, ScoringBatch.of(spec("simple-cnn", 32), 64));
    assertEquals(128, ScoringBatch.of(spec("resnet20", 32), 128));
  }

  @Test
  void largeImagesScoreInBatchesWhoseLayerOutputsStayWithinTheBound() {
    // Layer outputs per 224x224 image (ModelSummary): resnet20 112 MB, resnet18 30 MB, resnet50 128 MB.
    assertEquals(4, ScoringBatch.of(spec("resnet20", 224), 64));
    assertEquals(17, ScoringBatch.of(spec("resnet18", 224), 64));
    assertEquals(4, ScoringBatch.of(spec("resnet50", 224), 128));
    // Never none, however large the images.
    assertEquals(1, ScoringBatch.of(spec("resnet20", 1024), 64));
  }

  private static ModelSpec spec(String arch, int size) {
    return new ModelSpec(arch, new InputShape(size, size, 3), 8, SGD);
  }
}
