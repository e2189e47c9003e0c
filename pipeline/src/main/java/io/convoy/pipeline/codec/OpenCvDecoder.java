package io.convoy.pipeline.codec;

import io.convoy.pipeline.image.Image;
import io.convoy.pipeline.image.Region;
import io.convoy.pipeline.image.RegionChooser;

import static org.bytedeco.opencv.global.opencv_core.CV_16U;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_ANYDEPTH;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_8;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_GRAYSCALE_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_GRAYSCALE_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_GRAYSCALE_8;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.ShortPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Decodes JPEG (libjpeg-turbo, including CMYK and gray), PNG (8 and 16 bit, palette, alpha)
 * and BMP with OpenCV through the JavaCPP presets, and hands other formats to ImageIO.
 * Dimensions are read from the header first (see {@link ImageHeader}), so truncated files and
 * images over the pixel limit are refused before decoding. EXIF orientation is ignored, as
 * ImageIO and PIL/torchvision do. Alpha is dropped; 16-bit values are scaled to [0, 255].
 *
 * <p>For {@link #decode(byte[], int, RegionChooser)} a JPEG is decoded at 1/2, 1/4 or 1/8 of
 * its size (libjpeg's DCT scaling) when the chosen region still has at least its output size
 * there; the region is then cropped and resampled natively and only the result is converted
 * to floats. Resampling is bilinear (OpenCV's fixed-point {@code INTER_LINEAR}), or area
 * averaging when the crop still shrinks by 2x or more: DCT scaling, which is itself an
 * antialiasing filter, does the large shrinks, so the rest stays below 2x (the aliasing of
 * torchvision's tensor resize without antialias, at about a sixth of the cost of area averaging).
 *
 * <p>Thread-safe and stateless. Use through {@link FallbackDecoder} unless OpenCV is known to load.
 */
public final class OpenCvDecoder implements ImageDecoder {
  private static final long serialVersionUID = 1L;
  private static final int[] REDUCTIONS = {8, 4, 2};

  private final long maxPixels;
  private final ImageIODecoder others;

  public OpenCvDecoder() {
    this(DEFAULT_MAX_PIXELS);
  }

  /** A decoder that refuses images of more than {@code maxPixels} pixels. */
  public OpenCvDecoder(long maxPixels) {
    if (maxPixels < 1) {
      throw new IllegalArgumentException("maxPixels " + maxPixels + ": expected a positive number");
    }
    this.maxPixels = maxPixels;
    this.others = new ImageIODecoder(maxPixels);
  }

  /** Whether OpenCV's natives load in this JVM. */
  public static boolean isAvailable() {
    return OpenCv.available();
  }

  @Override
  public Image decode(byte[] encoded, int channels) throws ImageDecodeException {
    return decode(encoded, channels, Region::whole);
  }

  @Override
  public Image decode(byte[] encoded, int channels, RegionChooser chooser) throws ImageDecodeException {
    ImageIODecoder.checkChannels(channels);
    ImageHeader header = ImageHeader.read(encoded);
    if (header == null) {
      return others.decode(encoded, channels, chooser);
    }
    if (!OpenCv.available()) {
      throw new IllegalStateException("OpenCV natives are not available: " + OpenCv.failure());
    }
    ImageHeader.checkPixels(header.width(), header.height(), maxPixels);
    Region region = chooser.choose(header.width(), header.height());
    if (region.x() + region.width() > header.width() || region.y() + region.height() > header.height()) {
      throw new IllegalArgumentException(region + " does not fit a " + header.width() + "x" + header.height() + " image");
    }
    int reduction = reduction(header.format(), region);
    try (BytePointer data = new BytePointer(encoded);
         Mat buffer = new Mat(1, encoded.length, CV_8U, data);
         Mat decoded = imdecode(buffer, flags(header, reduction))) {
      if (decoded == null || decoded.empty()) {
        throw new ImageDecodeException("corrupt " + header.format() + " image: OpenCV could not decode these "
            + encoded.length + " bytes (" + header.width() + "x" + header.height() + " by the header)");
      }
      return cropResize(decoded, region, reduction, channels);
    } catch (RuntimeException e) {
      // JavaCPP turns a failed cv::Exception assertion (e.g. "size.width <= CV_IO_MAX_IMAGE_WIDTH"
      // for a corrupt header libpng or libjpeg reads differently) into a RuntimeException: for the
      // caller it is a file OpenCV cannot decode, like any other.
      String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      throw new ImageDecodeException("corrupt " + header.format() + " image: OpenCV refused it (" + message + ")", e);
    }
  }

  /**
   * The JPEG DCT scaling (8, 4, 2 or 1) at which {@code region} still has at least its output
   * size, so that decoding smaller never makes the crop enlarge more than it would anyway.
   */
  static int reduction(ImageFormat format, Region region) {
    if (format == ImageFormat.JPEG) {
      for (int f : REDUCTIONS) {
        if (region.width() / f >= region.outWidth() && region.height() / f >= region.outHeight()) {
          return f;
        }
      }
    }
    return 1;
  }

  private static int flags(ImageHeader header, int reduction) {
    int flags = IMREAD_IGNORE_ORIENTATION;
    if (header.format() == ImageFormat.JPEG) {
      return flags | switch (reduction) {
        case 8 -> header.gray() ? IMREAD_REDUCED_GRAYSCALE_8 : IMREAD_REDUCED_COLOR_8;
        case 4 -> header.gray() ? IMREAD_REDUCED_GRAYSCALE_4 : IMREAD_REDUCED_COLOR_4;
        case 2 -> header.gray() ? IMREAD_REDUCED_GRAYSCALE_2 : IMREAD_REDUCED_COLOR_2;
        default -> header.gray() ? IMREAD_GRAYSCALE : IMREAD_COLOR;
      };
    }
    // PNG and BMP: keep 16-bit samples so that they scale to [0, 255] exactly as ImageIO does.
    return flags | IMREAD_ANYDEPTH | (header.gray() ? IMREAD_GRAYSCALE : IMREAD_COLOR);
  }

  private static Image cropResize(Mat decoded, Region region, int reduction, int channels)
      throws ImageDecodeException {
    int w = decoded.cols();
    int h = decoded.rows();
    int x0 = clamp((int) Math.round((double) region.x() / reduction), 0, w - 1);
    int y0 = clamp((int) Math.round((double) region.y() / reduction), 0, h - 1);
    int x1 = clamp((int) Math.round((double) (region.x() + region.width()) / reduction), x0 + 1, w);
    int y1 = clamp((int) Math.round((double) (region.y() + region.height()) / reduction), y0 + 1, h);
    int outW = region.outWidth();
    int outH = region.outHeight();
    boolean whole = x0 == 0 && y0 == 0 && x1 == w && y1 == h;
    if (whole && outW == w && outH == h) {
      return toImage(decoded, channels);
    }
    try (Rect rect = new Rect(x0, y0, x1 - x0, y1 - y0);
         Mat roi = new Mat(decoded, rect);
         Mat out = new Mat();
         Size size = new Size(outW, outH)) {
      if (outW == x1 - x0 && outH == y1 - y0) {
        roi.copyTo(out);
      } else {
        // Reduced decoding already did most of any large shrink (DCT scaling is antialiased);
        // what is left is below 2x unless the image is huge or not a JPEG.
        boolean farShrink = x1 - x0 >= 2 * outW && y1 - y0 >= 2 * outH;
        resize(roi, out, size, 0, 0, farShrink ? INTER_AREA : INTER_LINEAR);
      }
      return toImage(out, channels);
    }
  }

  /** A continuous 8- or 16-bit, 1- or 3-channel (BGR) Mat as CHW floats in [0, 255]. */
  private static Image toImage(Mat mat, int channels) throws ImageDecodeException {
    int w = mat.cols();
    int h = mat.rows();
    int n = w * h;
    int found = mat.channels();
    if (!mat.isContinuous() || (found != 1 && found != 3) || (mat.depth() != CV_8U && mat.depth() != CV_16U)) {
      throw new ImageDecodeException("unexpected decoded image: " + found + " channels, depth " + mat.depth());
    }
    if (mat.depth() == CV_8U && found == 3 && channels == 3) {
      return new Image(w, h, channels, PlanarRgb.convert(mat));
    }
    float[] out = new float[channels * n];
    if (mat.depth() == CV_8U) {
      byte[] raw = new byte[n * found];
      mat.data().get(raw);
      if (found == 1 && channels == 1) {
        for (int i = 0; i < n; i++) {
          out[i] = raw[i] & 0xFF;
        }
        return new Image(w, h, channels, out);
      }
    }
    float[] interleaved = new float[n * found];
    if (mat.depth() == CV_8U) {
      byte[] raw = new byte[n * found];
      mat.data().get(raw);
      for (int i = 0; i < raw.length; i++) {
        interleaved[i] = raw[i] & 0xFF;
      }
    } else {
      short[] raw = new short[n * found];
      new ShortPointer(mat.data()).get(raw);
      float scale = 255f / 65535;
      for (int i = 0; i < raw.length; i++) {
        interleaved[i] = (raw[i] & 0xFFFF) * scale;
      }
    }
    if (found == 1) {
      for (int c = 0; c < channels; c++) {
        System.arraycopy(interleaved, 0, out, c * n, n);
      }
    } else if (channels == 3) {
      for (int i = 0, j = 0; i < n; i++, j += 3) {
        out[i] = interleaved[j + 2];
        out[n + i] = interleaved[j + 1];
        out[2 * n + i] = interleaved[j];
      }
    } else {
      for (int i = 0, j = 0; i < n; i++, j += 3) {
        out[i] = 0.299f * interleaved[j + 2] + 0.587f * interleaved[j + 1] + 0.114f * interleaved[j];
      }
    }
    return new Image(w, h, channels, out);
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
