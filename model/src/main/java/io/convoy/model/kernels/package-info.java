/**
 * convoy's own implementations of DL4J layer computations, plugged in as DL4J layer helpers
 * when a replica is built, so that the network configuration and {@code model.zip} stay plain
 * DL4J. {@link io.convoy.model.kernels.Kernels#install} is the one entry point.
 */
package io.convoy.model.kernels;
