package io.convoy.driver.scoring;

import java.util.List;

/**
 * One image's row of {@code convoy predict --data}, or why it has none, as a task makes it
 * ({@link PredictionTable#row} turns it into a Spark row).
 *
 * @param path the image's URI (inside a pack: {@code <pack>/<class>/<file>})
 * @param predictedClass the most probable class; null when the image was skipped
 * @param probability its probability
 * @param topClasses the k most probable classes, most probable first
 * @param topProbabilities their probabilities
 * @param trueClass the class folder's name; null when the input has no class folders
 * @param trueRank where the true class stands among all classes (0: predicted), -1 without one
 * @param problem why the image was skipped (unreadable, not decodable); null when it was scored
 */
public record Prediction(String path, String predictedClass, float probability, List<String> topClasses,
    List<Float> topProbabilities, String trueClass, int trueRank, String problem) {

  static Prediction skipped(String path, String trueClass, String problem) {
    return new Prediction(path, null, 0f, List.of(), List.of(), trueClass, -1, problem);
  }

  public boolean scored() {
    return problem == null;
  }
}
