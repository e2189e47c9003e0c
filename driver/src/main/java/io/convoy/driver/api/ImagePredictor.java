package io.convoy.driver.api;

import io.convoy.driver.modelzip.LoadedModel;
import io.convoy.driver.scoring.ClassRanking;
import io.convoy.driver.scoring.ScoredImage;
import io.convoy.driver.scoring.ScoringModel;
import io.convoy.pipeline.codec.ImageDecodeException;
import java.util.ArrayList;
import java.util.List;

/**
 * Class probabilities of single images, in this JVM, with a trained model and the eval pipeline
 * stored with it: the library's face of {@code convoy predict FILE...}, which scores with the
 * same {@link ScoringModel} (and so agrees with {@code predict --data} and the Spark ML model's
 * {@code transform}). Safe to share between threads: each scoring thread gets a network of its own.
 */
public final class ImagePredictor {
  /** One class and its probability. */
  public record Guess(String label, double probability) {}

  private final ScoringModel scoring;

  public ImagePredictor(LoadedModel model) {
    this.scoring = ScoringModel.of(model);
  }

  /**
   * Every class's probability for an encoded image (JPEG, PNG or BMP), in label order.
   *
   * @throws ImageDecodeException when the bytes are no decodable image
   */
  public float[] probabilities(byte[] image) throws ImageDecodeException {
    ScoredImage scored = scoring.score(List.of(image)).get(0);
    if (!scored.decoded()) {
      throw new ImageDecodeException(scored.problem());
    }
    return scored.probabilities();
  }

  /**
   * The {@code k} most probable classes of an encoded image, most probable first (equal
   * probabilities in label order).
   *
   * @throws ImageDecodeException when the bytes are no decodable image
   */
  public List<Guess> top(byte[] image, int k) throws ImageDecodeException {
    float[] p = probabilities(image);
    List<String> labels = scoring.labels();
    List<Guess> best = new ArrayList<>();
    for (int c : ClassRanking.top(p, k)) {
      best.add(new Guess(labels.get(c), p[c]));
    }
    return best;
  }
}
