/**
 * {@link io.convoy.model.Replica}, the one view of a network the rest of convoy uses (flat
 * parameters, updater state, a training step, inference, saving), over DL4J's two network kinds
 * or a gradient engine of another backend ({@link io.convoy.model.GradientBackend}). The
 * architectures are in {@link io.convoy.model.zoo}, the optimizers and learning-rate schedules in
 * {@link io.convoy.model.optim}, native kernels DL4J lacks in {@link io.convoy.model.kernels}.
 * DL4J's builders stay behind this module; it never imports Spark.
 */
package io.convoy.model;
