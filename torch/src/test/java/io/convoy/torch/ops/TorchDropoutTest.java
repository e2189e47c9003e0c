package io.convoy.torch.ops;

import io.convoy.torch.Fixtures;
import io.convoy.torch.ops.Pass;
import io.convoy.torch.ops.TorchNatives;
import io.convoy.torch.ops.TorchViews;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.conf.names.BackendName;
import io.convoy.model.InputShape;
import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import java.lang.ref.Reference;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Dropout on libtorch: DL4J's definition (keep each input with probability p, scale the kept ones
 * by 1/p, gradient through the same mask) with masks from the network's own seeded generator, so a
 * run repeats itself. The masks are not DL4J's, so no comparison with DL4J here.
 */
class TorchDropoutTest {
  private static final double KEEP = 0.7;

  @Test
  void keepsAboutPOfTheInputsScaledByOneOverPAndTheGradientFollowsTheMask() {
    TorchNatives.load();
    INDArray ones = Nd4j.ones(DataType.FLOAT, 400, 250);
    INDArray out = Nd4j.create(DataType.FLOAT, 400, 250);
    INDArray gradient = Nd4j.create(DataType.FLOAT, 400, 250);
    try (PointerScope scope = new PointerScope()) {
      Tensor x = TorchViews.of(ones).requires_grad_(true);
      DropoutOp op = new DropoutOp(KEEP, torch.createCPUGenerator(1), (in, pass) -> in.get(0));
      Tensor y = op.apply(List.of(x), new Pass(null));
      TorchViews.of(out).copy_(y);
      TorchViews.of(gradient).copy_(torch.grad(new TensorVector(y.sum()), new TensorVector(x)).get(0));
      Reference.reachabilityFence(ones); // the tensor reads its memory
    }
    float[] v = out.data().asFloat();
    int kept = 0;
    for (float f : v) {
      assertTrue(f == 0f || f == (float) (1 / KEEP), "neither dropped nor scaled by 1/p: " + f);
      kept += f == 0f ? 0 : 1;
    }
    // 100,000 draws: the share kept is within 0.005 of p unless something is wrong (sd 0.0014)
    assertEquals(KEEP, kept / (double) v.length, 0.005, "share of inputs kept");
    assertArrayEquals(v, gradient.data().asFloat(), "d sum(y) / dx is the mask over p");
  }

  @Test
  void theNetworksGeneratorDecidesTheMasks() {
    TorchNatives.load();
    float[] a = masks(7);
    assertArrayEquals(a, masks(7), "the same seed, the same masks");
    assertTrue(!java.util.Arrays.equals(a, masks(8)), "another seed, other masks");
  }

  /**
   * lenet with model.dropout = 0.5 (on the output layer's input) on libtorch: two replicas from the
   * same parameters train alike, step by step; without dropout the losses are others.
   */
  @Test
  void trainingWithDropoutRepeatsItselfAndDiffersFromTrainingWithout() {
    InputShape s = new InputShape(16, 16, 1);
    ModelSpec without = Fixtures.spec("lenet", s, 4, BackendName.LIBTORCH);
    ModelSpec with = new ModelSpec(without.model().withDropout(0.5), s, 4, without.optimizer(), without.plan());
    float[] parameters = Replica.initialize(without, 3).parameters();
    Replica first = Replica.withParameters(with, parameters);
    Replica second = Replica.withParameters(with, parameters);
    Replica plain = Replica.withParameters(without, parameters);
    for (int step = 0; step < 3; step++) {
      float[] x = Fixtures.features(8, s, step);
      int[] y = Fixtures.labels(8, 4, step);
      double loss = first.fit(x, y, 8);
      assertEquals(loss, second.fit(x, y, 8), 0, "loss at step " + step);
      assertNotEquals(loss, plain.fit(x, y, 8), "loss at step " + step + " with and without dropout");
    }
    assertArrayEquals(first.parameters(), second.parameters());
  }

  /** The first two masks of a dropout op over 1,000 inputs with a generator seeded with {@code seed}. */
  private static float[] masks(long seed) {
    INDArray out = Nd4j.create(DataType.FLOAT, 2, 1000);
    try (PointerScope scope = new PointerScope()) {
      DropoutOp op = new DropoutOp(KEEP, torch.createCPUGenerator(seed), (in, pass) -> in.get(0));
      INDArray ones = Nd4j.ones(DataType.FLOAT, 1000);
      Tensor x = TorchViews.of(ones, 1000);
      for (int i = 0; i < 2; i++) {
        INDArray row = Nd4j.create(DataType.FLOAT, 1000);
        TorchViews.of(row, 1000).copy_(op.apply(List.of(x), new Pass(null)));
        out.putRow(i, row);
      }
      Reference.reachabilityFence(ones); // the tensor reads its memory
    }
    return out.data().asFloat();
  }
}
