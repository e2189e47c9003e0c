package io.convoy.model;

import io.convoy.model.zoo.ModelZoo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.convoy.conf.OptimizerConfig;
import io.convoy.conf.names.OptimizerName;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.api.NeuralNetwork;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The gradient layout convoy makes equals the one DL4J's first backward pass makes: same variables, same places. */
class GradientLayoutTest {
  private static final OptimizerConfig SGD = new OptimizerConfig(OptimizerName.SGD, 0.1, 0, 0);

  @ParameterizedTest
  @ValueSource(strings = {"simple-cnn", "lenet", "alexnet", "resnet20"})
  void sameVariablesOverTheSamePlacesOfTheFlattenedGradientAsDl4jsFirstPass(String arch) {
    int size = arch.equals("alexnet") ? 63 : 28;
    ModelSpec spec = new ModelSpec(arch, new InputShape(size, size, 3), 4, SGD);
    Network ours = Network.of(ModelZoo.configuration(spec, 1));
    ours.init(null);
    GradientLayout.ensure(ours.dl4j());
    Network dl4j = Network.of(ModelZoo.configuration(spec, 1));
    dl4j.init(null);
    dl4j.computeGradientAndScore(Nd4j.rand(2, 3, size, size), Nd4j.eye(4).getRows(0, 1).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));

    Map<String, INDArray> expected = numbered(dl4j);
    Map<String, INDArray> actual = numbered(ours);
    assertEquals(expected.keySet(), actual.keySet());
    for (String key : expected.keySet()) {
      assertArrayEquals(expected.get(key).shape(), actual.get(key).shape(), key);
      assertEquals(expected.get(key), actual.get(key), key);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"lenet", "resnet20"})
  void aNetworkThatHasItsGradientKeepsIt(String arch) {
    ModelSpec spec = new ModelSpec(arch, new InputShape(28, 28, 3), 4, SGD);
    Network net = Network.of(ModelZoo.configuration(spec, 1));
    net.init(null);
    GradientLayout.ensure(net.dl4j());
    Gradient first = gradient(net.dl4j());
    GradientLayout.ensure(net.dl4j());
    assertEquals(System.identityHashCode(first), System.identityHashCode(gradient(net.dl4j())));
  }

  /** Each variable's view after the flattened gradient is filled with 0, 1, 2, ...: its place in it. */
  private static Map<String, INDArray> numbered(Network net) {
    INDArray flat = net.gradientView();
    flat.assign(Nd4j.linspace(0, flat.length() - 1, flat.length()).reshape(flat.shape()).castTo(flat.dataType()));
    Gradient g = gradient(net.dl4j());
    assertNotNull(g);
    Map<String, INDArray> out = new TreeMap<>();
    g.gradientForVariable().forEach((k, v) -> out.put(k, v.dup()));
    return out;
  }

  private static Gradient gradient(NeuralNetwork net) {
    return net instanceof ComputationGraph g ? g.gradient() : ((MultiLayerNetwork) net).gradient();
  }
}
