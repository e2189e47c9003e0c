package io.convoy.conf.settings;

import static io.convoy.conf.settings.PipelineOps.CENTER_CROP;
import static io.convoy.conf.settings.PipelineOps.COLOR_JITTER;
import static io.convoy.conf.settings.PipelineOps.IMAGENET_MEAN;
import static io.convoy.conf.settings.PipelineOps.IMAGENET_STD;
import static io.convoy.conf.settings.PipelineOps.LIGHTING;
import static io.convoy.conf.settings.PipelineOps.MIRROR;
import static io.convoy.conf.settings.PipelineOps.NORMALIZE;
import static io.convoy.conf.settings.PipelineOps.RANDOM_CROP;
import static io.convoy.conf.settings.PipelineOps.RANDOM_RESIZED_CROP;
import static io.convoy.conf.settings.PipelineOps.RESIZE;

import io.convoy.conf.OpSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named augmentation pipelines a job may give instead of a list of operations
 * ({@code pipeline.train = imagenet-train}), as the operations they stand for.
 */
public final class PipelinePresets {
  private PipelinePresets() {}

  /** The named presets, in documentation order; see {@link #of}. */
  public static final List<String> NAMES = List.of("imagenet-train", "imagenet-eval", "cifar-train", "mnist");

  /**
   * The operations a preset stands for, for images of {@code imageSize} and {@code channels}
   * (S = imageSize):
   * <ul>
   *   <li>{@code imagenet-train}: random-resized-crop {size = S, scale = [0.08, 1], ratio = [3/4, 4/3]},
   *       mirror {p = 0.5}, color-jitter {brightness = 0.4, contrast = 0.4, saturation = 0.4},
   *       lighting {sigma = 0.1} (RGB only), normalize {ImageNet mean and std}
   *   <li>{@code imagenet-eval}: resize {size = round(S * 256 / 224)}, center-crop {size = S},
   *       normalize {ImageNet mean and std}
   *   <li>{@code cifar-train}: random-crop {size = S, padding = 4}, mirror {p = 0.5},
   *       normalize {CIFAR-10 mean [0.4914, 0.4822, 0.4465], std [0.2470, 0.2435, 0.2616]}
   *   <li>{@code mnist}: resize {size = S}, center-crop {size = S}, normalize {mean 0.1307, std 0.3081}
   * </ul>
   * With one channel, per-channel constants become their average.
   *
   * @return the operations, or null when {@code name} is not a preset
   */
  public static List<OpSpec> of(String name, int imageSize, int channels) {
    double s = imageSize;
    List<OpSpec> ops = new ArrayList<>();
    switch (name) {
      case "imagenet-train" -> {
        ops.add(op(RANDOM_RESIZED_CROP, "size", List.of(s), "scale", List.of(0.08, 1.0),
            "ratio", List.of(3.0 / 4, 4.0 / 3)));
        ops.add(op(MIRROR, "p", List.of(0.5)));
        ops.add(op(COLOR_JITTER, "brightness", List.of(0.4), "contrast", List.of(0.4), "saturation", List.of(0.4)));
        if (channels == 3) {
          ops.add(op(LIGHTING, "sigma", List.of(0.1)));
        }
        ops.add(normalize(IMAGENET_MEAN, IMAGENET_STD, channels));
      }
      case "imagenet-eval" -> {
        ops.add(op(RESIZE, "size", List.of((double) Math.round(s * 256 / 224))));
        ops.add(op(CENTER_CROP, "size", List.of(s)));
        ops.add(normalize(IMAGENET_MEAN, IMAGENET_STD, channels));
      }
      case "cifar-train" -> {
        ops.add(op(RANDOM_CROP, "size", List.of(s), "padding", List.of(4.0)));
        ops.add(op(MIRROR, "p", List.of(0.5)));
        ops.add(normalize(List.of(0.4914, 0.4822, 0.4465), List.of(0.2470, 0.2435, 0.2616), channels));
      }
      case "mnist" -> {
        ops.add(op(RESIZE, "size", List.of(s)));
        ops.add(op(CENTER_CROP, "size", List.of(s)));
        ops.add(normalize(List.of(0.1307), List.of(0.3081), channels));
      }
      default -> {
        return null;
      }
    }
    return List.copyOf(ops);
  }

  private static OpSpec normalize(List<Double> mean, List<Double> std, int channels) {
    return op(NORMALIZE, "mean", perChannel(mean, channels), "std", perChannel(std, channels));
  }

  private static List<Double> perChannel(List<Double> values, int channels) {
    if (channels == 1 && values.size() > 1) {
      return List.of(values.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
    }
    return values;
  }

  @SuppressWarnings("unchecked")
  private static OpSpec op(String name, Object... keyValues) {
    Map<String, List<Double>> params = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      params.put((String) keyValues[i], (List<Double>) keyValues[i + 1]);
    }
    return new OpSpec(name, params);
  }
}
