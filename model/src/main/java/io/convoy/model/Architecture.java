package io.convoy.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;

/** One network family: the layers it stacks on top of convoy's shared settings. */
interface Architecture {
  String name();

  /**
   * The network for {@code input} and {@code classes}, started from {@code base} (which
   * carries the updater, weight decay, weight init and data type).
   */
  MultiLayerConfiguration configure(NeuralNetConfiguration.Builder base, InputShape input, int classes);
}
