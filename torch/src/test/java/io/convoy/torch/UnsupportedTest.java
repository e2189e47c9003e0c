package io.convoy.torch;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.conf.ConfigException;
import io.convoy.conf.names.BackendName;
import io.convoy.conf.names.LossName;
import io.convoy.model.InputShape;
import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.GaussianDropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.weightnoise.DropConnect;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A network the libtorch backend cannot replay exactly fails at once, saying why and what it supports. */
class UnsupportedTest {
  /** Zoo settings, through Replica and model's Backends, as {@code convoy train} meets them. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "googlenet+aux, 65, SOFTMAX_CROSS_ENTROPY, 'vertex ''output'', ''aux1'', ''aux2''', 3 outputs",
      "lenet, 16, BINARY_CROSS_ENTROPY, layer 5, LossBinaryXENT",       // a stack
      "resnet20, 8, BINARY_CROSS_ENTROPY, vertex 'output', LossBinaryXENT",
  })
  void namesTheArchitectureTheLayerAndWhatIsSupported(String variant, int size, LossName loss, String where,
      String why) {
    ModelSpec s = Fixtures.spec(variant, new InputShape(size, size, 3), 3, BackendName.LIBTORCH);
    ModelSpec spec = new ModelSpec(s.model().withLoss(loss), s.input(), s.classes(), s.optimizer(),
        s.plan());
    String m = assertThrows(ConfigException.class, () -> Replica.initialize(spec, 1)).getMessage();
    String arch = variant.split("\\+")[0];
    assertTrue(m.contains("model.backend") && m.contains("model.arch = " + arch) && m.contains(where)
        && m.contains(why), m);
    assertTrue(m.contains("vgg16") && m.contains("resnet20") && m.contains("dl4j"), "what is supported: " + m);
  }

  /** Settings no zoo network has: another kind of dropout, weight noise. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"GaussianDropout", "DropConnect"})
  void namesASettingItCannotReproduce(String setting) {
    DenseLayer.Builder dense = new DenseLayer.Builder().nOut(4).activation(Activation.RELU);
    if (setting.equals("GaussianDropout")) {
      dense.dropOut(new GaussianDropout(0.1));
    } else {
      dense.weightNoise(new DropConnect(0.5));
    }
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
        .layer(dense.build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
        .setInputType(InputType.feedForward(3)).build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    String m = assertThrows(ConfigException.class, () -> TorchNetwork.of("custom", net)).getMessage();
    assertTrue(m.contains("custom") && m.contains("layer 0 (DenseLayer)")
        && m.contains(setting.equals("GaussianDropout") ? "GaussianDropout" : "weight noise"), m);
  }
}
