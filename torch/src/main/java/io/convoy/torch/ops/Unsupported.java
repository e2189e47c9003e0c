package io.convoy.torch.ops;

import io.convoy.conf.ConfigException;

/** The one error for a network the libtorch backend cannot reproduce exactly. */
public final class Unsupported {
  /** What {@link io.convoy.torch.TorchStack} and {@link io.convoy.torch.TorchGraph} replay, for the message. */
  public static final String SUPPORTS = "the layer stacks (simple-cnn, lenet, lenet5, alexnet with LRN or batch norm, "
      + "vgg11, vgg13, vgg16, vgg19), the ResNets (resnet18, resnet34, resnet50, resnet101, resnet20, resnet32, "
      + "resnet56) and googlenet without auxiliary classifiers: NCHW convolutions (Truncate, Strict or Same "
      + "mode, no dilation), max and average pooling, dense layers, batch norm (after convolutions or dense "
      + "layers), local response normalization, activation layers (relu, leakyrelu, elu, softplus, softsign, "
      + "tanh, sigmoid, identity), global average pooling, add, channel merge and scale vertices, dropout "
      + "(Dropout(p) on dense, output and convolution layers), flattening between convolutions and dense "
      + "layers, and one softmax cross-entropy output layer; not binary cross-entropy outputs, several "
      + "outputs or weight noise";

  private Unsupported() {}

  /**
   * @param where the layer or vertex, as the message names it: "layer 3", "vertex 'output'"
   * @param what what it is, which libtorch does not replay
   */
  public static ConfigException of(String arch, String where, String what) {
    return new ConfigException("model.backend", "libtorch with model.arch = " + arch + ": " + where
        + " is " + what, "libtorch trains " + SUPPORTS + "; model.backend = dl4j trains every architecture");
  }
}
