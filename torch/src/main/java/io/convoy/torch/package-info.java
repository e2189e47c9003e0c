/**
 * libtorch (JavaCPP's PyTorch presets) as the gradient engine of convoy's DL4J ResNets
 * ({@code model.backend = libtorch}): {@link io.convoy.torch.TorchGraph} replays a DL4J
 * ComputationGraph with libtorch's functional ops over zero-copy views of DL4J's parameters, and
 * {@link io.convoy.torch.TorchGradientEngine} writes what DL4J's backward pass would into DL4J's
 * gradient view. DL4J keeps parameters, optimizer, inference and model.zip. Plugged into
 * {@code io.convoy.model} through {@link io.convoy.torch.LibtorchBackend} (ServiceLoader); imports
 * only {@code conf} and {@code model} of convoy.
 */
package io.convoy.torch;
