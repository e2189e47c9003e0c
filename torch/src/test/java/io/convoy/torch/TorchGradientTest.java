package io.convoy.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.conf.BackendName;
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
  @ParameterizedTest(name = "{0} at {1}x{1}, batch {2}")
  @CsvSource({"resnet20, 8, 8", "resnet18, 16, 6"})
  void gradientAndScoreEqualDl4j(String arch, int size, int n) {
    Replica dl4j = Fixtures.dl4jReplica(arch, size, 5, 11);
    Replica torch = Fixtures.copy(dl4j, BackendName.LIBTORCH);
    float[] x = Fixtures.features(n, dl4j.spec().input(), 5);
    int[] y = Fixtures.labels(n, 5, 6);
    float[] expected = new float[dl4j.numParameters()];
    float[] actual = new float[torch.numParameters()];

    double expectedScore = dl4j.computeGradient(x, y, n, expected);
    double actualScore = torch.computeGradient(x, y, n, actual);

    assertEquals(expectedScore, actualScore, 1e-4 * Math.abs(expectedScore), "score");
    Map<String, float[]> e = Fixtures.slices(Fixtures.graph(dl4j), expected);
    Map<String, float[]> a = Fixtures.slices(Fixtures.graph(dl4j), actual);
    int statistics = 0;
    for (String v : e.keySet()) {
      double err = Fixtures.relativeError(a.get(v), e.get(v));
      assertTrue(err < 1e-3, arch + " " + v + ": relative error " + err);
      statistics += v.endsWith("_mean") || v.endsWith("_log10stdev") ? 1 : 0;
    }
    assertTrue(statistics > 10, "batch norm statistics compared: " + statistics);
    assertTrue(Fixtures.relativeError(actual, new float[actual.length]) > 0, "a gradient was written");
  }
}
