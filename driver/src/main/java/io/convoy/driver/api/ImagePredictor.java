package io.convoy.driver.api;

import io.convoy.driver.modelzip.LoadedModel;
import io.convoy.model.Replica;
import io.convoy.pipeline.ImagePipeline;
import io.convoy.pipeline.codec.ImageDecodeException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Class probabilities of single images, in this JVM, with a trained model and the eval pipeline
 * stored with it ({@code convoy predict FILE...}). Not thread-safe: one per thread.
 */
public final class ImagePredictor {
  /** One class and its probability. */
  public record Guess(String label, double probability) {}

  private final List<String> labels;
  private final Replica replica;
  private final ImagePipeline pipeline;

  public ImagePredictor(LoadedModel model) {
    this.labels = model.labels();
    this.replica = model.replica();
    this.pipeline = model.evalPipeline();
  }

  /**
   * Every class's probability for an encoded image (JPEG, PNG or BMP), in label order.
   *
   * @throws ImageDecodeException when the bytes are no decodable image
   */
  public float[] probabilities(byte[] image) throws ImageDecodeException {
    return replica.predict(pipeline.toTensor(image), 1);
  }

  /**
   * The {@code k} most probable classes of an encoded image, most probable first.
   *
   * @throws ImageDecodeException when the bytes are no decodable image
   */
  public List<Guess> top(byte[] image, int k) throws ImageDecodeException {
    float[] p = probabilities(image);
    List<Guess> all = new ArrayList<>();
    for (int c = 0; c < labels.size(); c++) {
      all.add(new Guess(labels.get(c), p[c]));
    }
    all.sort(Comparator.comparingDouble(Guess::probability).reversed());
    return all.subList(0, Math.min(k, all.size()));
  }
}
