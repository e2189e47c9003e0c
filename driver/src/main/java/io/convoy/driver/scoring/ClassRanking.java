package io.convoy.driver.scoring;

/** Classes ordered by probability, most probable first; equal probabilities keep label order. */
public final class ClassRanking {
  private ClassRanking() {}

  /** The labels of the {@code k} most probable classes (fewer when there are fewer classes). */
  public static int[] top(float[] probabilities, int k) {
    int n = Math.min(k, probabilities.length);
    int[] best = new int[n];
    boolean[] taken = new boolean[probabilities.length];
    for (int i = 0; i < n; i++) {
      int pick = -1;
      for (int c = 0; c < probabilities.length; c++) {
        if (!taken[c] && (pick < 0 || probabilities[c] > probabilities[pick])) {
          pick = c;
        }
      }
      taken[pick] = true;
      best[i] = pick;
    }
    return best;
  }

  /** Where class {@code label} stands in the ranking: 0 when it is the most probable. */
  public static int rank(float[] probabilities, int label) {
    int rank = 0;
    for (int c = 0; c < probabilities.length; c++) {
      if (probabilities[c] > probabilities[label] || (probabilities[c] == probabilities[label] && c < label)) {
        rank++;
      }
    }
    return rank;
  }
}
