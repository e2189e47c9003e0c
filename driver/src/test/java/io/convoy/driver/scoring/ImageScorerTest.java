package io.convoy.driver.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.driver.data.SyntheticDataset;
import io.convoy.driver.modelzip.ModelZip;
import io.convoy.driver.testing.TrainedModel;
import io.convoy.pipeline.synthetic.ShapesSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one way images become probabilities: a batch must give each image what it gets alone (DL4J
 * in inference mode, batch norm included, treats the rows of a batch independently), and an
 * undecodable image is reported in its place without disturbing the others.
 */
class ImageScorerTest {
  @TempDir Path dir;

  @Test
  void aBatchScoresEveryImageAsItScoresAlone() throws Exception {
    ScoringModel trained = ScoringModel.of(ModelZip.read(TrainedModel.get().run.toString(), new Configuration()));
    List<byte[]> images = ScoringFixtures.images(TrainedModel.get().data.resolve("val"));
    assertBatchEqualsSingles(trained, images);
  }

  @Test
  void batchNormInInferenceModeDoesNotMixTheImagesOfABatch() throws Exception {
    SyntheticDataset.generate(new ShapesSpec(3, 6, 1, 16, "png", 11), dir);
    ScoringModel batchNorm = new ScoringModel(ScoringFixtures.untrained(true, 3));
    assertBatchEqualsSingles(batchNorm, ScoringFixtures.images(dir.resolve("train")));
  }

  @Test
  void anUndecodableImageIsReportedInItsPlace() throws Exception {
    SyntheticDataset.generate(new ShapesSpec(3, 2, 1, 16, "png", 5), dir);
    List<byte[]> images = new ArrayList<>(ScoringFixtures.images(dir.resolve("train")));
    List<ScoredImage> clean = new ScoringModel(ScoringFixtures.untrained(false, 1)).score(images);
    images.add(2, "not an image".getBytes(StandardCharsets.UTF_8));
    List<ScoredImage> scored = new ScoringModel(ScoringFixtures.untrained(false, 1)).score(images);
    assertEquals(clean.size() + 1, scored.size());
    assertFalse(scored.get(2).decoded());
    assertNull(scored.get(2).probabilities());
    assertTrue(scored.get(2).problem().startsWith("not a decodable image"), scored.get(2).problem());
    for (int i = 0; i < clean.size(); i++) {
      assertArrayEquals(clean.get(i).probabilities(), scored.get(i < 2 ? i : i + 1).probabilities(), 1e-6f);
    }
  }

  @Test
  void rankingPutsTheMostProbableFirstAndKeepsLabelOrderOnTies() {
    float[] p = {0.1f, 0.4f, 0.1f, 0.4f};
    assertArrayEquals(new int[] {1, 3, 0}, ClassRanking.top(p, 3));
    assertArrayEquals(new int[] {1, 3, 0, 2}, ClassRanking.top(p, 9));
    assertEquals(0, ClassRanking.rank(p, 1));
    assertEquals(1, ClassRanking.rank(p, 3));
    assertEquals(3, ClassRanking.rank(p, 2));
  }

  private static void assertBatchEqualsSingles(ScoringModel model, List<byte[]> images) {
    assertTrue(images.size() >= 8, "too few images to make a batch: " + images.size());
    List<ScoredImage> batch = model.score(images);
    float worst = 0;
    for (int i = 0; i < images.size(); i++) {
      ScoredImage alone = model.score(List.of(images.get(i))).get(0);
      float[] a = alone.probabilities();
      float[] b = batch.get(i).probabilities();
      assertEquals(a.length, b.length);
      assertEquals(ClassRanking.top(a, 1)[0], ClassRanking.top(b, 1)[0], "image " + i);
      for (int c = 0; c < a.length; c++) {
        worst = Math.max(worst, Math.abs(a[c] - b[c]));
      }
    }
    assertTrue(worst <= 1e-5f, "batch and single-image probabilities differ by up to " + worst);
  }
}
