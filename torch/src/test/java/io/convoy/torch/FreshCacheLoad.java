package io.convoy.torch;

import io.convoy.model.NativeVariant;
import org.bytedeco.pytorch.global.torch;
import org.nd4j.linalg.factory.Nd4j;

/** Run by {@link TorchNativesTest} in a JVM of its own: ND4J first, as in a run, then libtorch. */
public final class FreshCacheLoad {
  private FreshCacheLoad() {}

  public static void main(String[] args) {
    NativeVariant.select();
    System.out.println("nd4j " + Nd4j.create(new float[] {1, 2}).sumNumber());
    TorchNatives.load();
    System.out.println("libtorch threads " + torch.get_num_threads());
  }
}
