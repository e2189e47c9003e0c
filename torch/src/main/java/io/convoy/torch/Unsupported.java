package io.convoy.torch;

import io.convoy.conf.ConfigException;

/** The one error for a network the libtorch backend cannot reproduce exactly. */
final class Unsupported {
  /** What {@link TorchGraph} replays, for the message. */
  static final String SUPPORTS = "the ResNets (resnet18, resnet34, resnet50, resnet101, resnet20, resnet32, "
      + "resnet56): NCHW convolutions (Truncate or Strict mode, no dilation), batch norm, activation layers "
      + "(relu, leakyrelu, elu, softplus, softsign, tanh, sigmoid, identity), max pooling, global average "
      + "pooling, add, channel merge and scale vertices, and a softmax cross-entropy output layer, "
      + "without dropout or weight noise";

  private Unsupported() {}

  static ConfigException of(String arch, String vertex, String what) {
    return new ConfigException("model.backend", "libtorch with model.arch = " + arch + ": vertex '" + vertex
        + "' is " + what, "libtorch trains " + SUPPORTS + "; model.backend = dl4j trains every architecture");
  }
}
