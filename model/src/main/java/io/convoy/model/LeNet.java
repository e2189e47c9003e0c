package io.convoy.model;

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
 * LeNet as in the DL4J MNIST example: 5x5 convolutions with 20 and 50 maps (identity
 * activation), 2x2 max pooling after each, 500 ReLU units, softmax. 431,080 parameters at
 * 28x28x1 and 10 classes.
 */
final class LeNet implements Architecture {
  @Override
  public String name() {
    return "lenet";
  }

  @Override
  public MultiLayerConfiguration configure(NeuralNetConfiguration.Builder base, InputShape input, int classes) {
    return base.list()
        .layer(new ConvolutionLayer.Builder(5, 5).stride(1, 1).nOut(20).activation(Activation.IDENTITY).build())
        .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
        .layer(new ConvolutionLayer.Builder(5, 5).stride(1, 1).nOut(50).activation(Activation.IDENTITY).build())
        .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
        .layer(new DenseLayer.Builder().nOut(500).activation(Activation.RELU).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .nOut(classes).activation(Activation.SOFTMAX).build())
        .setInputType(InputType.convolutional(input.height(), input.width(), input.channels()))
        .build();
  }
}
