package io.convoy.model;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A small fast baseline: two 3x3 "same" convolutions (32 and 64 maps) each followed by 2x2 max
 * pooling, a 128-unit dense layer and softmax.
 */
final class SimpleCnn implements Architecture {
  @Override
  public String name() {
    return "simple-cnn";
  }

  @Override
  public MultiLayerConfiguration configure(NeuralNetConfiguration.Builder base, InputShape input, int classes) {
    return base.convolutionMode(ConvolutionMode.Same)
        .list()
        .layer(new ConvolutionLayer.Builder(3, 3).nOut(32).activation(Activation.RELU).build())
        .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
        .layer(new ConvolutionLayer.Builder(3, 3).nOut(64).activation(Activation.RELU).build())
        .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
        .layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .nOut(classes).activation(Activation.SOFTMAX).build())
        .setInputType(InputType.convolutional(input.height(), input.width(), input.channels()))
        .build();
  }
}
