package io.convoy.torch.ops;

import java.util.List;
import org.bytedeco.pytorch.Tensor;

/** One layer or vertex in libtorch: its output from its inputs' (training mode). */
public interface TorchOp {
  Tensor apply(List<Tensor> inputs, Pass pass);
}
