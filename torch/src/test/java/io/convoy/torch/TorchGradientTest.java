package io.convoy.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.conf.names.BackendName;
import io.convoy.model.InputShape;
import io.convoy.model.Replica;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The gradient view the libtorch engine writes is DL4J's, variable by variable: weights, gamma and
 * beta summed over the minibatch, batch norm's mean and log10stdev entries the running-statistics
 * updates; and the score (mean loss plus L2 term) is DL4J's.
 */
class TorchGradientTest {
  @ParameterizedTest(name = "{0} at {1}, batch {2}")
  @CsvSource({
      "resnet20, 8x8x3, 8, 19",      // the number of batch norms
      "resnet18, 16x16x3, 6, 20",
      "googlenet, 32x32x3, 2, 0",
      "lenet, 28x28x1, 8, 0",
      "lenet5, 32x32x1, 8, 0",
      "simple-cnn, 15x15x3, 8, 0",
      "simple-cnn+bn+avg, 16x16x3, 8, 2",
      "alexnet, 63x63x3, 4, 0",
      "alexnet+bn, 63x63x3, 4, 5",
      "vgg16, 32x32x3, 2, 0",
  })
  void gradientAndScoreEqualDl4j(String variant, String input, int n, int batchNorms) {
    Replica dl4j = Fixtures.dl4jReplica(variant, InputShape.parse(input), 5, 11);
    Replica torch = Fixtures.copy(dl4j, BackendName.LIBTORCH);
    float[] x = Fixtures.features(n, dl4j.spec().input(), 5);
    int[] y = Fixtures.labels(n, 5, 6);
    float[] expected = new float[dl4j.numParameters()];
    float[] actual = new float[torch.numParameters()];

    double expectedScore = dl4j.computeGradient(x, y, n, expected);
    double actualScore = torch.computeGradient(x, y, n, actual);

    assertEquals(expectedScore, actualScore, 1e-4 * Math.abs(expectedScore), "score");
    Map<String, float[]> e = Fixtures.slices(dl4j, expected);
    Map<String, float[]> a = Fixtures.slices(dl4j, actual);
    int statistics = 0;
    for (String v : e.keySet()) {
      double err = Fixtures.relativeError(a.get(v), e.get(v));
      assertTrue(err < 1e-3, variant + " " + v + ": relative error " + err);
      statistics += v.endsWith("_mean") ? 1 : 0;
    }
    assertEquals(batchNorms, statistics, "batch norms' statistics compared");
    assertTrue(Fixtures.relativeError(actual, new float[actual.length]) > 0, "a gradient was written");
  }
}
