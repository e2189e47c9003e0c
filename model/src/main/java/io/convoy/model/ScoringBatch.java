package io.convoy.model;

/**
 * How many images one forward pass of a scoring network takes (prediction, validation during
 * training): the caller's cap, unless the batch's layer outputs would pass
 * {@value #LAYER_OUTPUT_BYTES} bytes.
 *
 * <p>DL4J keeps every layer's output of a batch while it runs the batch: resnet20 on 224x224
 * images writes 112 MB of layer outputs per image (7.2 GB for 64 images; its resident memory
 * grew by about 10 GB per network). Two such networks, as {@code local[2]}'s tasks run them,
 * passed JavaCPP's native-memory limit (which follows the heap: 4 GB, physical 8 GB, with the
 * launcher's {@code -Xmx4g}), and each allocation then forced garbage collections and faulted its
 * pages in again: 15,000-25,000 page faults per image, 1.3-3.4 images/s against one network's 12-16;
 * raising the limit got the process killed for memory at 20 GB instead. The cost of a pass apart
 * from its images is a few milliseconds, nothing against the seconds such a batch computes, so a
 * handful of images per pass loses nothing; on small images (simple-cnn, CIFAR ResNets at 32x32:
 * 0.1-2 MB per image) the batch stays at its cap.
 */
public final class ScoringBatch {
  /** Layer outputs one pass may hold: a few networks' worth fits any executor convoy runs on. */
  static final long LAYER_OUTPUT_BYTES = 512L << 20;

  private ScoringBatch() {}

  /** Images per forward pass for {@code spec}: from 1 to {@code most}. */
  public static int of(ModelSpec spec, int most) {
    long floats = ModelSummary.of(spec).outputElements();
    long fit = LAYER_OUTPUT_BYTES / Math.max(1, floats * Float.BYTES);
    return (int) Math.max(1, Math.min(most, fit));
  }
}
