package io.convoy.driver.scoring;

/**
 * What scoring made of one encoded image: its class probabilities, or why it is no image.
 *
 * @param probabilities one per class, in the model's label order; null when not decodable
 * @param problem why the bytes could not be decoded; null when they were
 */
public record ScoredImage(float[] probabilities, String problem) {

  static ScoredImage of(float[] probabilities) {
    return new ScoredImage(probabilities, null);
  }

  static ScoredImage undecodable(String problem) {
    return new ScoredImage(null, problem);
  }

  /** Whether the image decoded and has probabilities. */
  public boolean decoded() {
    return probabilities != null;
  }
}
