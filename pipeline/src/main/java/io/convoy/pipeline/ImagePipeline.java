package io.convoy.pipeline;

import io.convoy.pipeline.codec.FallbackDecoder;
import io.convoy.pipeline.codec.ImageDecodeException;
import io.convoy.pipeline.codec.ImageDecoder;
import io.convoy.pipeline.dataset.StableHash;
import io.convoy.pipeline.image.Image;
import io.convoy.pipeline.image.ImageOp;
import io.convoy.pipeline.image.SourceOp;
import io.convoy.pipeline.ops.Affine;
import io.convoy.pipeline.ops.CenterCrop;
import io.convoy.pipeline.ops.ColorJitter;
import io.convoy.pipeline.ops.Lighting;
import io.convoy.pipeline.ops.Mirror;
import io.convoy.pipeline.ops.Noise;
import io.convoy.pipeline.ops.Normalize;
import io.convoy.pipeline.ops.RandomCrop;
import io.convoy.pipeline.ops.RandomResizedCrop;
import io.convoy.pipeline.ops.Resize;
import io.convoy.pipeline.ops.Rotate;

import io.convoy.conf.DataConfig;
import io.convoy.conf.OpSpec;
import io.convoy.conf.settings.PipelineOps;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Encoded image bytes to the network's input: decode, then the configured operations, then a
 * CHW float tensor of {@code channels x imageSize x imageSize}. Without a normalize operation
 * the values are x / 255.
 *
 * <p>Randomness: operation i of a sample draws only from a {@link SplittableRandom} seeded by
 * a stable hash of (seed, epoch, sample id, i), so a sample's tensor is the same whatever the
 * partitioning, thread, executor or retry, and adding an operation changes no other
 * operation's draws.
 *
 * <p>When the first operation is a {@link SourceOp} (resize, center-crop,
 * random-resized-crop) the decoder runs it, and may decode a large JPEG at 1/2, 1/4 or 1/8
 * size when the region it takes still has at least its output size there.
 *
 * <p>Immutable and thread-safe; Serializable so that one pipeline built (and validated) on the
 * driver is shipped to the executors.
 */
public final class ImagePipeline implements Serializable {
  private static final long serialVersionUID = 2L;

  private final ImageOp[] ops;
  private final ImageDecoder decoder;
  private final int imageSize;
  private final int channels;
  private final boolean normalizes;

  private ImagePipeline(ImageOp[] ops, ImageDecoder decoder, int imageSize, int channels) {
    this.ops = ops;
    this.decoder = decoder;
    this.imageSize = imageSize;
    this.channels = channels;
    this.normalizes = Arrays.stream(ops).anyMatch(Normalize.class::isInstance);
  }

  /**
   * The pipeline of {@code ops} for images of {@code data}, decoding with OpenCV where its
   * natives load and ImageIO otherwise ({@link FallbackDecoder}).
   */
  public static ImagePipeline of(List<OpSpec> ops, DataConfig data) {
    return of(ops, data, new FallbackDecoder());
  }

  /**
   * The pipeline of {@code ops} for images of {@code data}, decoding with {@code decoder}.
   *
   * @throws IllegalArgumentException for an operation or parameter it does not know
   */
  public static ImagePipeline of(List<OpSpec> ops, DataConfig data, ImageDecoder decoder) {
    ImageOp[] built = new ImageOp[ops.size()];
    for (int i = 0; i < built.length; i++) {
      built[i] = build(ops.get(i), data);
    }
    return new ImagePipeline(built, decoder, data.imageSize(), data.channels());
  }

  private static ImageOp build(OpSpec spec, DataConfig data) {
    // conf validates names and parameters; these errors guard against the two drifting apart.
    List<String> accepted = PipelineOps.PARAMETERS.get(spec.op());
    if (accepted == null) {
      throw new IllegalArgumentException("unknown pipeline operation \"" + spec.op() + "\": expected one of "
          + new TreeSet<>(PipelineOps.PARAMETERS.keySet()));
    }
    if (spec.datasetStats()) {
      throw new IllegalArgumentException("pipeline operation " + spec.op() + " has stats = dataset, which only "
          + "training from a pack (convoy pack) resolves: point data.train at a pack, or give the statistics");
    }
    for (String param : spec.params().keySet()) {
      if (!accepted.contains(param)) {
        throw new IllegalArgumentException("pipeline operation " + spec.op() + " has no parameter \"" + param
            + "\": expected " + accepted);
      }
    }
    // Every default is declared once, in PipelineOps.OPS; scalar(name) and vector(name) read it.
    return switch (spec.op()) {
      case PipelineOps.RESIZE -> new Resize(size(spec, data));
      case PipelineOps.CENTER_CROP -> new CenterCrop(size(spec, data));
      case PipelineOps.RANDOM_CROP -> new RandomCrop(size(spec, data), whole(spec, "padding"));
      case PipelineOps.RANDOM_RESIZED_CROP -> {
        double[] scale = pair(spec, "scale");
        double[] ratio = pair(spec, "ratio");
        yield new RandomResizedCrop(size(spec, data), scale[0], scale[1], ratio[0], ratio[1]);
      }
      case PipelineOps.MIRROR -> new Mirror(spec.scalar("p"));
      case PipelineOps.COLOR_JITTER -> new ColorJitter(factors(spec, "brightness"), factors(spec, "contrast"),
          factors(spec, "saturation"), hue(spec));
      case PipelineOps.LIGHTING -> new Lighting(spec.scalar("sigma"), spec.vector("eigval"), spec.vector("eigvec"));
      case PipelineOps.ROTATE -> {
        double[] degrees = symmetric(spec, "degrees");
        yield new Rotate(degrees[0], degrees[1]);
      }
      case PipelineOps.AFFINE -> new Affine(symmetric(spec, "degrees"), pair(spec, "translate"),
          pair(spec, "scale"), symmetric(spec, "shear"));
      case PipelineOps.NOISE -> new Noise(spec.scalar("sigma"));
      case PipelineOps.NORMALIZE -> new Normalize(spec.vector("mean"), spec.vector("std"), data.channels());
      default -> throw new IllegalArgumentException("pipeline operation " + spec.op()
          + " is declared in PipelineOps but not implemented in ImagePipeline");
    };
  }

  /** {@code size}, whose default is the data's image size. */
  private static int size(OpSpec spec, DataConfig data) {
    return whole(spec, spec.scalar("size", data.imageSize()), "size");
  }

  private static int whole(OpSpec spec, String name) {
    return whole(spec, spec.scalar(name), name);
  }

  private static int whole(OpSpec spec, double v, String name) {
    if (v != Math.rint(v)) {
      throw new IllegalArgumentException(spec.op() + " " + name + " " + v + ": expected a whole number of pixels");
    }
    return (int) v;
  }

  private static double[] pair(OpSpec spec, String name) {
    List<Double> v = spec.vector(name);
    if (v.size() != 2) {
      throw new IllegalArgumentException(spec.op() + " " + name + " " + v + ": expected [low, high]");
    }
    return new double[] {v.get(0), v.get(1)};
  }

  /** One number d means [-|d|, |d|]; two numbers are [low, high]. */
  private static double[] symmetric(OpSpec spec, String name) {
    List<Double> v = spec.vector(name);
    return v.size() == 1 ? new double[] {-Math.abs(v.get(0)), Math.abs(v.get(0))} : pair(spec, name);
  }

  private static double[] factors(OpSpec spec, String name) {
    List<Double> v = spec.vector(name);
    if (v.size() == 1) {
      return ColorJitter.factorRange(v.get(0));
    }
    return v.get(0) == 1 && v.get(1) == 1 ? null : pair(spec, name);
  }

  private static double[] hue(OpSpec spec) {
    List<Double> v = spec.vector("hue");
    if (v.size() == 1) {
      return ColorJitter.hueRange(v.get(0));
    }
    return v.get(0) == 0 && v.get(1) == 0 ? null : pair(spec, "hue");
  }

  /** Whether any operation is random (then only the seeded {@code toTensor} may be called). */
  public boolean isRandom() {
    return firstRandom() >= 0;
  }

  private int firstRandom() {
    for (int i = 0; i < ops.length; i++) {
      if (ops[i].isRandom()) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Decodes and preprocesses one image with a pipeline that has no random operation
   * (evaluation, prediction).
   *
   * @return CHW floats, exactly {@link #tensorLength()} of them
   * @throws ImageDecodeException when the bytes are not a decodable image
   * @throws IllegalStateException when an operation is random, or the operations do not end
   *     at imageSize x imageSize
   */
  public float[] toTensor(byte[] encoded) throws ImageDecodeException {
    int random = firstRandom();
    if (random >= 0) {
      throw new IllegalStateException("pipeline operation " + (random + 1) + " (" + ops[random] + ") is random: "
          + "call toTensor(encoded, seed, epoch, sampleId)");
    }
    return run(encoded, 0);
  }

  /**
   * Decodes and augments one training image. Every random draw derives from
   * ({@code seed}, {@code epoch}, {@code sampleId}), so equal arguments give equal tensors
   * in any thread, process or retry.
   *
   * @param sampleId the sample's path relative to the dataset root (or its full path; the same
   *     form every time)
   * @return CHW floats, exactly {@link #tensorLength()} of them
   * @throws ImageDecodeException when the bytes are not a decodable image
   * @throws IllegalStateException when the operations do not end at imageSize x imageSize
   */
  public float[] toTensor(byte[] encoded, long seed, int epoch, String sampleId) throws ImageDecodeException {
    return run(encoded, StableHash.of(StableHash.of(seed, epoch), sampleId));
  }

  private float[] run(byte[] encoded, long sampleSeed) throws ImageDecodeException {
    Image image;
    int next = 0;
    if (ops.length > 0 && ops[0] instanceof SourceOp source) {
      SplittableRandom random = random(sampleSeed, 0);
      image = decoder.decode(encoded, channels, (w, h) -> source.region(w, h, random));
      next = 1;
    } else {
      image = decoder.decode(encoded, channels);
    }
    for (int i = next; i < ops.length; i++) {
      // This run made every image it holds, so operations may work in place.
      image = ops[i].applyOwned(image, ops[i].isRandom() ? random(sampleSeed, i) : null);
    }
    if (image.width() != imageSize || image.height() != imageSize) {
      throw new IllegalStateException("pipeline must end with a data.image-size x data.image-size image ("
          + imageSize + "x" + imageSize + "), found " + image.width() + "x" + image.height()
          + ": end it with center-crop");
    }
    // The decoder made a fresh array for this call and operations never change their input.
    float[] tensor = image.pixels();
    if (!normalizes) {
      for (int i = 0; i < tensor.length; i++) {
        tensor[i] /= 255f;
      }
    }
    return tensor;
  }

  private static SplittableRandom random(long sampleSeed, int opIndex) {
    return new SplittableRandom(StableHash.of(sampleSeed, opIndex));
  }

  /** Values per image: channels x imageSize x imageSize. */
  public int tensorLength() {
    return channels * imageSize * imageSize;
  }

  /** The decoder this pipeline uses. */
  public ImageDecoder decoder() {
    return decoder;
  }

  @Override
  public String toString() {
    return "ImagePipeline" + Arrays.toString(ops) + " -> " + channels + "x" + imageSize + "x" + imageSize
        + " with " + decoder;
  }
}
