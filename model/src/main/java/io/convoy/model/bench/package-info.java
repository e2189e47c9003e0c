/**
 * Measuring one replica's training step: the whole step (forward, backward, optimizer update)
 * timed over rounds after warm-up, then each layer's forward and backward timed by driving the
 * same DL4J network one layer (or graph vertex) at a time, so that a table by layer type explains
 * where the step's time goes. Used by {@code convoy bench step}; no Spark here.
 */
package io.convoy.model.bench;
