package io.convoy.pipeline;

import io.convoy.conf.DataConfig;
import io.convoy.conf.OpSpec;
import io.convoy.conf.PipelineOps;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Encoded image bytes to the network's input: decode, then the configured operations, then a
 * CHW float tensor of {@code channels x imageSize x imageSize}. Without a normalize operation
 * the values are x / 255. Immutable and thread-safe; Serializable so that one pipeline built
 * (and validated) on the driver is shipped to the executors.
 */
public final class ImagePipeline implements Serializable {
  private static final long serialVersionUID = 1L;

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

  /** The pipeline of {@code ops} for images of {@code data}, decoding with ImageIO. */
  public static ImagePipeline of(List<OpSpec> ops, DataConfig data) {
    return of(ops, data, new ImageIODecoder());
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
    for (String param : spec.params().keySet()) {
      if (!accepted.contains(param)) {
        throw new IllegalArgumentException("pipeline operation " + spec.op() + " has no parameter \"" + param
            + "\": expected " + accepted);
      }
    }
    return switch (spec.op()) {
      case PipelineOps.RESIZE -> new Resize(size(spec, data));
      case PipelineOps.CENTER_CROP -> new CenterCrop(size(spec, data));
      case PipelineOps.NORMALIZE -> new Normalize(
          spec.vector("mean", List.of(0.5)), spec.vector("std", List.of(0.5)), data.channels());
      default -> throw new IllegalArgumentException("pipeline operation " + spec.op()
          + " is declared in PipelineOps but not implemented in ImagePipeline");
    };
  }

  private static int size(OpSpec spec, DataConfig data) {
    double size = spec.scalar("size", data.imageSize());
    if (size != Math.rint(size)) {
      throw new IllegalArgumentException(spec.op() + " size " + size + ": expected a whole number of pixels");
    }
    return (int) size;
  }

  /**
   * Decodes and preprocesses one image.
   *
   * @return CHW floats, exactly {@link #tensorLength()} of them
   * @throws ImageDecodeException when the bytes are not a decodable image
   * @throws IllegalStateException when the operations do not end at imageSize x imageSize
   */
  public float[] toTensor(byte[] encoded) throws ImageDecodeException {
    Image image = decoder.decode(encoded, channels);
    for (ImageOp op : ops) {
      image = op.apply(image);
    }
    if (image.width() != imageSize || image.height() != imageSize) {
      throw new IllegalStateException("pipeline must end with a data.image-size x data.image-size image ("
          + imageSize + "x" + imageSize + "), found " + image.width() + "x" + image.height()
          + ": end it with center-crop");
    }
    float[] tensor = image.toArray();
    if (!normalizes) {
      for (int i = 0; i < tensor.length; i++) {
        tensor[i] /= 255f;
      }
    }
    return tensor;
  }

  /** Values per image: channels x imageSize x imageSize. */
  public int tensorLength() {
    return channels * imageSize * imageSize;
  }
}
