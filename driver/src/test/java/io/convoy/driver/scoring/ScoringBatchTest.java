package io.convoy.driver.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.convoy.conf.ConfigLoader;
import io.convoy.driver.common.ModelSpecs;
import io.convoy.model.ModelSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Images per scoring pass: the cap on small images, fewer where a batch's layer outputs would be large. */
class ScoringBatchTest {

  @Test
  void smallImagesScoreInFullBatches() {
    assertEquals(PartitionScoring.BATCH, ScoringBatch.of(spec("simple-cnn", 32)));
    assertEquals(PartitionScoring.BATCH, ScoringBatch.of(spec("resnet20", 32)));
  }

  @Test
  void largeImagesScoreInBatchesWhoseLayerOutputsStayWithinTheBound() {
    // Layer outputs per 224x224 image (ModelSummary): resnet20 112 MB, resnet18 30 MB, resnet50 128 MB.
    assertEquals(4, ScoringBatch.of(spec("resnet20", 224)));
    assertEquals(17, ScoringBatch.of(spec("resnet18", 224)));
    assertEquals(4, ScoringBatch.of(spec("resnet50", 224)));
    // Never none, however large the images.
    assertEquals(1, ScoringBatch.of(spec("resnet20", 1024)));
  }

  private static ModelSpec spec(String arch, int size) {
    return ModelSpecs.of(ConfigLoader.load(null, List.of("model.arch=" + arch, "data.image-size=" + size)), 8, 1, 1);
  }
}
