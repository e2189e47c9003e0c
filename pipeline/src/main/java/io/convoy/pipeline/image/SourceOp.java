package io.convoy.pipeline.image;

import java.util.SplittableRandom;

/**
 * An operation that takes a region of its input and scales it to a size: resize, center-crop
 * and random-resized-crop. As the first operation of a pipeline it is run by the decoder (see
 * {@link ImageDecoder#decode(byte[], int, RegionChooser)}), which can then decode at reduced
 * size and crop and resample natively. {@link #apply} must equal
 * {@code region(in.width(), in.height(), random).applyTo(in)}, with the same draws.
 */
public interface SourceOp extends ImageOp {
  /** The region of a {@code width} x {@code height} image this operation takes, and its output size. */
  Region region(int width, int height, SplittableRandom random);

  @Override
  default Image apply(Image in, SplittableRandom random) {
    return region(in.width(), in.height(), random).applyTo(in);
  }
}
