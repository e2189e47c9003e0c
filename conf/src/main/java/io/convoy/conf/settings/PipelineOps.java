package io.convoy.conf.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The image operations a pipeline may name, the parameters each accepts (declared once, with
 * arity, range and meaning, so that validation is generic), and the named presets. The pipeline
 * module implements exactly these operations; its tests keep the two in step.
 */
public final class PipelineOps {
  /** Resize so that the shorter side is {@code size}. Every default is in {@link #OPS}. */
  public static final String RESIZE = "resize";
  /** Cut the central {@code size} x {@code size} square. */
  public static final String CENTER_CROP = "center-crop";
  /** Zero-pad by {@code padding} on every side, then cut a random {@code size} square (CIFAR). */
  public static final String RANDOM_CROP = "random-crop";
  /** A random area {@code scale} and aspect {@code ratio} crop resized to {@code size} (Inception). */
  public static final String RANDOM_RESIZED_CROP = "random-resized-crop";
  /** Horizontal flip with probability {@code p}. */
  public static final String MIRROR = "mirror";
  /** Brightness, contrast, saturation and hue changes in random order (torchvision ColorJitter). */
  public static final String COLOR_JITTER = "color-jitter";
  /** AlexNet PCA lighting noise along the RGB principal components. */
  public static final String LIGHTING = "lighting";
  /** Rotation by a random angle about the center. */
  public static final String ROTATE = "rotate";
  /** Random rotation, translation, scale and shear (torchvision RandomAffine). */
  public static final String AFFINE = "affine";
  /** Gaussian pixel noise. */
  public static final String NOISE = "noise";
  /** Scale pixels to [0,1], then (x - mean) / std per channel. */
  public static final String NORMALIZE = "normalize";

  /** ImageNet's per-channel mean and std of pixels in [0, 1] (torchvision's constants). */
  public static final List<Double> IMAGENET_MEAN = List.of(0.485, 0.456, 0.406);
  public static final List<Double> IMAGENET_STD = List.of(0.229, 0.224, 0.225);
  /** ImageNet's RGB covariance eigenvalues and eigenvectors (columns), pixels in [0, 1]. */
  public static final List<Double> IMAGENET_EIGVAL = List.of(0.2175, 0.0188, 0.0045);
  public static final List<Double> IMAGENET_EIGVEC = List.of(
      -0.5675, 0.7192, 0.4009,
      -0.5808, -0.0045, -0.8140,
      -0.5836, -0.6948, 0.4203);

  /** How many numbers a parameter takes. */
  public enum Arity {
    /** One number. */
    ONE,
    /** One number (a symmetric or one-sided range, as the operation documents) or [low, high]. */
    RANGE,
    /** Exactly [low, high]. */
    PAIR,
    /** One number for all channels or one per channel. */
    PER_CHANNEL,
    /** Exactly {@code count} numbers. */
    EXACT
  }

  /**
   * One parameter: its arity, the closed or open bounds of every number, whether the numbers
   * must be whole, its meaning (for messages and documentation) and its default: the one place
   * it is written, read by the pipeline module through {@code OpSpec.scalar} and
   * {@code OpSpec.vector}.
   *
   * @param fallback the default value, or null where it depends on the data ({@code size})
   * @param fallbackText the default in words where its numbers alone would not say it (null: the numbers)
   */
  public record Param(String name, Arity arity, int count, double min, boolean minOpen, double max,
      boolean whole, String meaning, List<Double> fallback, String fallbackText) {

    /** The default in words, e.g. "0.5", "[0.08, 1]" or "data.image-size". */
    public String defaultText() {
      if (fallbackText != null) {
        return fallbackText;
      }
      return fallback.size() == 1 ? fmt(fallback.get(0))
          : fallback.stream().map(PipelineOps::fmt).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    /** What is allowed, in words, e.g. "a number in [0, 1]" or "one number or 3 (one per channel)". */
    public String allowed(int channels) {
      String each = (whole ? "whole number" : "number") + " in " + (minOpen ? "(" : "[") + fmt(min) + ", "
          + (max == Double.POSITIVE_INFINITY ? "inf)" : fmt(max) + "]");
      String what = meaning + "; default " + defaultText();
      return switch (arity) {
        case ONE -> "a " + each + " (" + what + ")";
        case RANGE -> "a " + each + " or [low, high] with low <= high (" + what + ")";
        case PAIR -> "[low, high], each a " + each + ", low <= high (" + what + ")";
        case PER_CHANNEL -> "one number or " + channels + " (one per channel), each a " + each
            + " (" + what + ")";
        case EXACT -> count + " numbers, each a " + each + " (" + what + ")";
      };
    }

    /** Null when {@code v} is allowed, else why not. */
    public String check(List<Double> v, int channels) {
      boolean sizeOk = switch (arity) {
        case ONE -> v.size() == 1;
        case RANGE -> v.size() == 1 || v.size() == 2;
        case PAIR -> v.size() == 2;
        case PER_CHANNEL -> v.size() == 1 || v.size() == channels;
        case EXACT -> v.size() == count;
      };
      if (!sizeOk) {
        return allowed(channels);
      }
      for (double x : v) {
        boolean aboveMin = minOpen ? x > min : x >= min;
        if (!Double.isFinite(x) || !aboveMin || x > max || (whole && x != Math.rint(x))) {
          return allowed(channels);
        }
      }
      if ((arity == Arity.RANGE || arity == Arity.PAIR) && v.size() == 2 && v.get(0) > v.get(1)) {
        return allowed(channels);
      }
      return null;
    }
  }

  private static final double INF = Double.POSITIVE_INFINITY;
  private static final List<Double> OFF = List.of(0.0);
  private static final Param SIZE = new Param("size", Arity.ONE, 1, 1, false, 65_536, true,
      "a positive number of pixels", null, "data.image-size");

  private static Param param(String name, Arity arity, double min, boolean minOpen, double max, String meaning,
      Double... fallback) {
    int count = arity == Arity.PAIR ? 2 : 1;
    return new Param(name, arity, count, min, minOpen, max, false, meaning, List.of(fallback), null);
  }

  /** Operation name to its parameters, in documentation order. */
  public static final Map<String, List<Param>> OPS = ops(
      RESIZE, List.of(SIZE),
      CENTER_CROP, List.of(SIZE),
      RANDOM_CROP, List.of(SIZE,
          new Param("padding", Arity.ONE, 1, 0, false, 4096, true, "zero pixels added on every side",
              List.of(0.0), null)),
      RANDOM_RESIZED_CROP, List.of(SIZE,
          param("scale", Arity.PAIR, 0, true, 1, "crop area as a fraction of the image", 0.08, 1.0),
          new Param("ratio", Arity.PAIR, 2, 0, true, INF, false, "crop width / height",
              List.of(3.0 / 4, 4.0 / 3), "[3/4, 4/3]")),
      MIRROR, List.of(param("p", Arity.ONE, 0, false, 1, "probability of a flip", 0.5)),
      COLOR_JITTER, List.of(
          jitter("brightness", 0, INF, "b means a factor in [max(0, 1 - b), 1 + b]"),
          jitter("contrast", 0, INF, "c means a factor in [max(0, 1 - c), 1 + c]"),
          jitter("saturation", 0, INF, "s means a factor in [max(0, 1 - s), 1 + s]"),
          jitter("hue", -0.5, 0.5, "h in [0, 0.5] means a hue shift in [-h, h] turns")),
      LIGHTING, List.of(
          param("sigma", Arity.ONE, 0, false, 10, "std of each alpha", 0.1),
          new Param("eigval", Arity.EXACT, 3, 0, false, INF, false,
              "RGB covariance eigenvalues, pixels in [0, 1]", IMAGENET_EIGVAL, "ImageNet's"),
          new Param("eigvec", Arity.EXACT, 9, -1, false, 1, false,
              "3x3 row-major matrix whose columns are the eigenvectors", IMAGENET_EIGVEC, "ImageNet's")),
      ROTATE, List.of(param("degrees", Arity.RANGE, -180, false, 180,
          "d means an angle in [-d, d], counter-clockwise", 10.0)),
      AFFINE, List.of(
          param("degrees", Arity.RANGE, -180, false, 180, "d means an angle in [-d, d]", 0.0),
          param("translate", Arity.PAIR, 0, false, 1, "largest shift as fractions of width and height", 0.0, 0.0),
          param("scale", Arity.PAIR, 0, true, 10, "zoom factor range", 1.0, 1.0),
          param("shear", Arity.RANGE, -89, false, 89, "s means an x shear angle in [-s, s] degrees", 0.0)),
      NOISE, List.of(param("sigma", Arity.ONE, 0, false, 1, "std of the noise, pixels in [0, 1]", 0.03)),
      NORMALIZE, List.of(
          new Param("mean", Arity.PER_CHANNEL, 0, -INF, false, INF, false, "pixels in [0, 1]", List.of(0.5), null),
          new Param("std", Arity.PER_CHANNEL, 0, 0, true, INF, false, "positive, pixels in [0, 1]", List.of(0.5),
              null)));

  private static Param jitter(String name, double min, double max, String meaning) {
    return new Param(name, Arity.RANGE, 2, min, false, max, false, meaning, OFF, "0, off");
  }

  /**
   * The parameter {@code name} of operation {@code op}.
   *
   * @throws IllegalArgumentException when {@code op} has no such parameter
   */
  public static Param param(String op, String name) {
    return OPS.getOrDefault(op, List.of()).stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("pipeline operation " + op + " has no parameter " + name));
  }

  /** Operation name to the names of the parameters it accepts. */
  public static final Map<String, List<String>> PARAMETERS = names(OPS);

  /** Operations that draw random numbers (not allowed in pipeline.eval). */
  public static final List<String> RANDOM = List.of(RANDOM_CROP, RANDOM_RESIZED_CROP, MIRROR, COLOR_JITTER,
      LIGHTING, ROTATE, AFFINE, NOISE);

  /**
   * {@code stats = dataset | given}: where normalize takes mean and std, and lighting its
   * eigenvalues and eigenvectors. {@code given} (the default) means the parameters or their
   * defaults; {@code dataset} means the index of the packed dataset in data.train.
   */
  public static final String STATS = "stats";
  public static final String STATS_DATASET = "dataset";
  public static final String STATS_GIVEN = "given";

  /** Operations that accept {@code stats}, each with the parameters that the dataset supplies. */
  public static final Map<String, List<String>> DATASET_STATS = Map.of(
      NORMALIZE, List.of("mean", "std"),
      LIGHTING, List.of("eigval", "eigvec"));

  /** Operations that need RGB images (data.channels = 3). */
  public static final List<String> RGB_ONLY = List.of(LIGHTING);

  @SuppressWarnings("unchecked")
  private static Map<String, List<Param>> ops(Object... nameParams) {
    Map<String, List<Param>> m = new LinkedHashMap<>();
    for (int i = 0; i < nameParams.length; i += 2) {
      m.put((String) nameParams[i], List.copyOf((List<Param>) nameParams[i + 1]));
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  private static Map<String, List<String>> names(Map<String, List<Param>> ops) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    ops.forEach((op, params) -> m.put(op, params.stream().map(Param::name).toList()));
    return java.util.Collections.unmodifiableMap(m);
  }

  static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
  }

  private PipelineOps() {}
}
