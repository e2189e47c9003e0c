package io.convoy.torch.ops;

import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;

/**
 * Each DL4J vertex configuration the zoo's graphs use, as a {@link TorchOp}: the vertices that join
 * or scale activations here, layer vertices through {@link LayerOps} (their preprocessor first).
 * Anything else is an {@link Unsupported} error.
 */
public final class VertexOps {
  private final String arch;
  private final LayerOps layers;

  public VertexOps(String arch, LayerOps layers) {
    this.arch = arch;
    this.layers = layers;
  }

  /** @param layer the vertex's runtime layer (holds the parameter views), null for non-layer vertices */
  public TorchOp of(String name, GraphVertex vertex, Layer layer) {
    String where = "vertex '" + name + "'";
    if (vertex instanceof ElementWiseVertex e) {
      if (e.getOp() != ElementWiseVertex.Op.Add) {
        throw Unsupported.of(arch, where, "an element-wise " + e.getOp() + " vertex (only Add is)");
      }
      return (in, pass) -> {
        Tensor sum = in.get(0);
        for (int i = 1; i < in.size(); i++) {
          sum = sum.add(in.get(i));
        }
        return sum;
      };
    }
    if (vertex instanceof MergeVertex m) {
      if (m.getMergeAxis() != 1) {
        throw Unsupported.of(arch, where, "a merge along axis " + m.getMergeAxis() + " (only channels, 1)");
      }
      return (in, pass) -> torch.cat(new TensorVector(in.toArray(new Tensor[0])), 1);
    }
    if (vertex instanceof ScaleVertex s) {
      double factor = s.getScaleFactor();
      return (in, pass) -> in.get(0).mul(new Scalar(factor));
    }
    if (vertex instanceof LayerVertex lv) {
      TorchOp op = layers.of(name, where, lv.getLayerConf().getLayer(), layer);
      TorchOp pre = layers.preprocessor(where, lv.getPreProcessor());
      return pre == null ? op : (in, pass) -> op.apply(List.of(pre.apply(in, pass)), pass);
    }
    throw Unsupported.of(arch, where, "a " + vertex.getClass().getSimpleName());
  }
}
