/**
 * The libtorch side of one DL4J layer or vertex each ({@link io.convoy.torch.ops.TorchOp}: forward
 * with libtorch's functional ops, autograd for the backward), made by
 * {@link io.convoy.torch.ops.LayerOps} and {@link io.convoy.torch.ops.VertexOps}, the one way to
 * each for stacks and graphs alike; what a pass carries ({@link io.convoy.torch.ops.Pass}: training
 * or inference, the gradient views to fill), zero-copy tensor views of ND4J arrays
 * ({@link io.convoy.torch.ops.TorchViews}), loading the natives ({@link io.convoy.torch.ops.TorchNatives})
 * and the one error for what cannot be replayed exactly ({@link io.convoy.torch.ops.Unsupported}).
 * Knows nothing of the networks above it.
 */
package io.convoy.torch.ops;
