/**
 * {@code convoy bench step}: one replica's training step (forward, backward, optimizer update)
 * timed over rounds after warm-up, then each layer's forward and backward timed by driving the
 * same DL4J network one layer (or graph vertex) at a time ({@link io.convoy.bench.step.StepTimer}),
 * so that a table by layer type explains where the step's time goes. No Spark here. Imported by
 * {@code io.convoy.bench} (the command tree) only.
 */
package io.convoy.bench.step;
