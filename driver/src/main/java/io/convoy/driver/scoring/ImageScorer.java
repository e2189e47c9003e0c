package io.convoy.driver.scoring;

import io.convoy.model.Replica;
import io.convoy.pipeline.codec.ImageDecodeException;
import io.convoy.pipeline.ImagePipeline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one way convoy turns encoded images into class probabilities: the model's eval pipeline
 * on each image, then one forward pass over those that decoded. {@code convoy predict} on single
 * images, {@code convoy predict --data} and DataFrame scoring all come here, so they agree.
 * Holds a DL4J network, which is not safe for concurrent use: one scorer per thread at a time
 * ({@link ScoringModel} lends them out).
 */
public final class ImageScorer {
  private final Replica network;
  private final ImagePipeline pipeline;
  private final int classes;

  /**
   * @param pipeline an evaluation pipeline (nothing random), such as
   *     {@code LoadedModel.evalPipeline()}
   */
  public ImageScorer(Replica network, ImagePipeline pipeline) {
    if (pipeline.isRandom()) {
      throw new IllegalArgumentException("scoring needs a pipeline without random operations, found " + pipeline);
    }
    this.network = network;
    this.pipeline = pipeline;
    this.classes = network.spec().classes();
  }

  /**
   * Scores {@code images} as one batch; an image that does not decode is reported in its place,
   * not thrown, and leaves the others' results unchanged.
   *
   * @return one result per image, in order
   */
  public List<ScoredImage> score(List<byte[]> images) {
    int length = pipeline.tensorLength();
    float[][] tensors = new float[images.size()][];
    String[] problems = new String[images.size()];
    int decoded = 0;
    for (int i = 0; i < images.size(); i++) {
      try {
        tensors[i] = pipeline.toTensor(images.get(i));
        decoded++;
      } catch (ImageDecodeException e) {
        problems[i] = "not a decodable image (" + e.getMessage() + ")";
      }
    }
    float[] probabilities = new float[0];
    if (decoded > 0) {
      float[] features = new float[decoded * length];
      int row = 0;
      for (float[] tensor : tensors) {
        if (tensor != null) {
          System.arraycopy(tensor, 0, features, row++ * length, length);
        }
      }
      probabilities = network.predict(features, decoded);
    }
    List<ScoredImage> out = new ArrayList<>(images.size());
    int row = 0;
    for (int i = 0; i < images.size(); i++) {
      if (tensors[i] == null) {
        out.add(ScoredImage.undecodable(problems[i]));
      } else {
        out.add(ScoredImage.of(Arrays.copyOfRange(probabilities, row * classes, (row + 1) * classes)));
        row++;
      }
    }
    return out;
  }
}
