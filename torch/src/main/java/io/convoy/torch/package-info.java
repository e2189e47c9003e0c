/**
 * libtorch (JavaCPP's PyTorch presets) as the gradient engine of convoy's DL4J networks
 * ({@code model.backend = libtorch}): {@link io.convoy.torch.TorchNetwork} replays a DL4J
 * MultiLayerNetwork ({@link io.convoy.torch.TorchStack}) or ComputationGraph
 * ({@link io.convoy.torch.TorchGraph}) with libtorch's functional ops over zero-copy views of DL4J's
 * parameters, one op class per layer kind shared by both ({@link io.convoy.torch.ops}), and
 * {@link io.convoy.torch.TorchGradientEngine} writes what DL4J's backward pass would into DL4J's
 * gradient view; a training replica's validation runs here too. DL4J keeps parameters, optimizer
 * and model.zip, and loaded models predict with DL4J. Plugged into
 * {@code io.convoy.model} through {@link io.convoy.torch.LibtorchBackend} (ServiceLoader); imports
 * only {@code conf} and {@code model} of convoy.
 */
package io.convoy.torch;
