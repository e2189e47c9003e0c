package io.convoy.driver.cli;

import io.convoy.driver.modelzip.LoadedModel;
import io.convoy.model.Replica;
import io.convoy.pipeline.codec.ImageDecodeException;
import io.convoy.pipeline.ImagePipeline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Class probabilities of single images with a saved model and the eval pipeline stored with it. */
final class Predictor {
  /** One class and its probability. */
  record Guess(String label, double probability) {}

  private final List<String> labels;
  private final Replica replica;
  private final ImagePipeline pipeline;

  Predictor(LoadedModel model) {
    this.labels = model.labels();
    this.replica = model.replica();
    this.pipeline = model.evalPipeline();
  }

  /**
   * The {@code k} most probable classes of an encoded image, most probable first.
   *
   * @throws ImageDecodeException when the bytes are no decodable image
   */
  List<Guess> top(byte[] image, int k) throws ImageDecodeException {
    float[] p = replica.predict(pipeline.toTensor(image), 1);
    List<Guess> all = new ArrayList<>();
    for (int c = 0; c < labels.size(); c++) {
      all.add(new Guess(labels.get(c), p[c]));
    }
    all.sort(Comparator.comparingDouble(Guess::probability).reversed());
    return all.subList(0, Math.min(k, all.size()));
  }
}
