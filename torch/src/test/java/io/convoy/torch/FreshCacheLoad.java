package io.convoy.torch;

import io.convoy.model.NativeVariant;
import org.bytedeco.pytorch.global.torch;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Run by {@link TorchNativesTest} in a JVM of its own: ND4J first, as in a run, then libtorch,
 * reached the way a run reaches it, through {@link TorchNetwork#of}.
 */
public final class FreshCacheLoad {
  private FreshCacheLoad() {}

  public static void main(String[] args) {
    NativeVariant.select();
    System.out.println("nd4j " + Nd4j.create(new float[] {1, 2}).sumNumber());
    MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
        .layer(new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.RELU).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(2)
            .activation(Activation.SOFTMAX).build())
        .build());
    net.init();
    TorchNetwork replay = TorchNetwork.of("fresh-cache", net);
    System.out.println("libtorch output " + replay.output(Nd4j.ones(1, 3)));
    System.out.println("libtorch threads " + torch.get_num_threads());
  }
}
