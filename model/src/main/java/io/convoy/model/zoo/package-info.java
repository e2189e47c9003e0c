/**
 * The architectures {@code model.arch} names (LeNet, AlexNet, VGG, ResNet, GoogLeNet, a simple
 * CNN), each built as a DL4J configuration ({@link io.convoy.model.NetworkConfig}) from a
 * {@link io.convoy.model.ModelSpec} by {@link io.convoy.model.zoo.ModelZoo}, the only entry: it
 * checks the knobs an architecture allows and the input it needs, and stores the weight-init
 * seed without touching any random number generator.
 */
package io.convoy.model.zoo;
