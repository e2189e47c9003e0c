package io.convoy.conf;

import java.util.List;
import java.util.Map;

/**
 * The image operations a pipeline may name and the parameters each accepts. The pipeline
 * module implements exactly these; its tests keep the two in step.
 */
public final class PipelineOps {
  /** Resize so that the shorter side is {@code size} (default: {@code data.image-size}). */
  public static final String RESIZE = "resize";
  /** Cut the central {@code size} x {@code size} square (default: {@code data.image-size}). */
  public static final String CENTER_CROP = "center-crop";
  /** Scale pixels to [0,1], then (x - mean) / std per channel (default mean 0.5, std 0.5). */
  public static final String NORMALIZE = "normalize";

  /** Operation name to the parameters it accepts. */
  public static final Map<String, List<String>> PARAMETERS = Map.of(
      RESIZE, List.of("size"),
      CENTER_CROP, List.of("size"),
      NORMALIZE, List.of("mean", "std"));

  private PipelineOps() {}
}
