package io.convoy.conf;

import java.io.Serializable;

/**
 * The optimizer every replica uses.
 *
 * @param name one of {@link OptimizerName}
 * @param lr learning rate
 * @param momentum momentum coefficient for {@code nesterov}, beta1 for
 *     {@code adam}, decay for {@code rmsprop}; ignored by {@code sgd}
 * @param weightDecay L2 weight decay coefficient applied to weights (not biases)
 */
public record OptimizerConfig(OptimizerName name, double lr, double momentum, double weightDecay)
    implements Serializable {}
