package io.convoy.model.zoo;

import io.convoy.model.InputShape;
import io.convoy.model.ModelSpec;
import io.convoy.model.ModelSummary;
import io.convoy.model.Replica;
import io.convoy.model.TrainingPlan;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.convoy.conf.ModelConfig;
import io.convoy.conf.OptimizerConfig;
import io.convoy.conf.names.OptimizerName;
import org.junit.jupiter.api.Test;

/**
 * Parameter counts against the canonical definitions, from the configuration alone (no weights
 * are allocated). "Parameters" exclude batch norm running mean and variance, as torchvision and
 * the papers count them; DL4J's flat vector (dl4jParams) holds them too, two per BN channel.
 */
class ParameterCountTest {
  static final OptimizerConfig SGD = new OptimizerConfig(OptimizerName.SGD, 0.01, 0, 0);

  static ModelSummary summary(String arch, int h, int c, int classes) {
    return ModelSummary.of(new ModelSpec(arch, new InputShape(h, h, c), classes, SGD));
  }

  @Test
  void vgg16HasTheCanonicalCount() {
    assertEquals(138_357_544L, summary("vgg16", 224, 3, 1000).params());
    // No batch norm: DL4J stores exactly the same numbers.
    assertEquals(138_357_544L, summary("vgg16", 224, 3, 1000).dl4jParams());
  }

  @Test
  void vggFamilyFollowsThePaperTable() {
    // Simonyan & Zisserman report 133, 133, 134, 144 million; torchvision's exact counts:
    assertEquals(132_863_336L, summary("vgg11", 224, 3, 1000).params());
    assertEquals(133_047_848L, summary("vgg13", 224, 3, 1000).params());
    assertEquals(143_667_240L, summary("vgg19", 224, 3, 1000).params());
  }

  @Test
  void resnetsMatchTorchvisionCountingGammaAndBetaOnly() {
    ModelSummary r18 = summary("resnet18", 224, 3, 1000);
    assertEquals(11_689_512L, r18.params());
    assertEquals(25_557_032L, summary("resnet50", 224, 3, 1000).params());
    assertEquals(21_797_672L, summary("resnet34", 224, 3, 1000).params());
    assertEquals(44_549_160L, summary("resnet101", 224, 3, 1000).params());
    // resnet18's batch norms have 4,800 channels in all: DL4J also stores their mean and variance.
    assertEquals(11_689_512L + 2 * 4_800, r18.dl4jParams());
  }

  @Test
  void cifarResnetsHaveThePapersOptionACounts() {
    // Option A shortcuts have no parameters: only the 3x3 convs, their batch norms and the classifier.
    for (int depth : new int[] {20, 32, 56}) {
      int n = (depth - 2) / 6;
      long expected = conv(3, 3, 16, false) + 2 * 16;
      int in = 16;
      for (int width : new int[] {16, 32, 64}) {
        for (int i = 0; i < n; i++) {
          expected += conv(3, in, width, false) + 2 * width + conv(3, width, width, false) + 2 * width;
          in = width;
        }
      }
      expected += 64 * 10 + 10;
      assertEquals(expected, summary("resnet" + depth, 32, 3, 10).params(), "resnet" + depth);
    }
    assertEquals(269_722L, summary("resnet20", 32, 3, 10).params()); // the paper's "0.27M"
  }

  @Test
  void alexnetSingleTowerHasThePapersLayerSizes() {
    // Paper sizes without the two-GPU grouping: the well-known 62,378,344.
    assertEquals(62_378_344L, summary("alexnet", 224, 3, 1000).params());
  }

  @Test
  void googlenetWithoutAuxiliaryClassifiersFollowsTable1() {
    int[][] modules = {
        {192, 64, 96, 128, 16, 32, 32}, {256, 128, 128, 192, 32, 96, 64},
        {480, 192, 96, 208, 16, 48, 64}, {512, 160, 112, 224, 24, 64, 64}, {512, 128, 128, 256, 24, 64, 64},
        {512, 112, 144, 288, 32, 64, 64}, {528, 256, 160, 320, 32, 128, 128},
        {832, 256, 160, 320, 32, 128, 128}, {832, 384, 192, 384, 48, 128, 128}};
    long expected = conv(7, 3, 64, true) + conv(1, 64, 64, true) + conv(3, 64, 192, true);
    for (int[] m : modules) {
      expected += conv(1, m[0], m[1], true) + conv(1, m[0], m[2], true) + conv(3, m[2], m[3], true)
          + conv(1, m[0], m[4], true) + conv(5, m[4], m[5], true) + conv(1, m[0], m[6], true);
    }
    expected += 1024 * 1000 + 1000;
    assertEquals(expected, summary("googlenet", 224, 3, 1000).params());
    assertEquals(6_998_552L, expected);
    // Each auxiliary classifier: 1x1 conv to 128 maps, 4x4x128 -> 1024 units, 1024 -> classes.
    long aux512 = conv(1, 512, 128, true) + 2048L * 1024 + 1024 + 1024L * 1000 + 1000;
    long aux528 = conv(1, 528, 128, true) + 2048L * 1024 + 1024 + 1024L * 1000 + 1000;
    ModelSummary withAux = ModelSummary.of(new ModelSpec(new ModelConfig("googlenet", 1000).withAuxClassifiers(true),
        new InputShape(224, 224, 3), 1000, SGD, TrainingPlan.SINGLE));
    assertEquals(expected + aux512 + aux528, withAux.params());
  }

  @Test
  void lenetsHaveTheirClassicCounts() {
    // conv 6x1x5x5+6, conv 16x6x5x5+16, dense 400x120+120, 120x84+84, 84x10+10
    assertEquals(156 + 2_416 + 48_120 + 10_164 + 850, summary("lenet5", 32, 1, 10).params());
    assertEquals(61_706L, summary("lenet5", 32, 1, 10).params());
    assertEquals(431_080L, summary("lenet", 28, 1, 10).params());
  }

  @Test
  void summaryCountsWhatReplicaAllocates() {
    for (String arch : new String[] {"lenet5", "resnet20", "simple-cnn"}) {
      ModelSpec spec = new ModelSpec(arch, new InputShape(32, 32, 3), 10, SGD);
      assertEquals(Replica.initialize(spec, 1).numParameters(), ModelSummary.of(spec).dl4jParams(), arch);
    }
  }

  private static long conv(int k, int in, int out, boolean bias) {
    return (long) k * k * in * out + (bias ? out : 0);
  }
}
