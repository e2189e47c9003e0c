package io.convoy.conf.settings;

import io.convoy.conf.DataConfig;
import io.convoy.conf.OpSpec;
import io.convoy.conf.PipelineConfig;
import java.util.List;

/** The {@code data} and {@code pipeline} settings. */
final class DataSettings {
  private DataSettings() {}

  static final Setting<String> TRAIN = Setting.of("data.train", Kinds.text(), "data/train",
      c -> c.data().train(), "training images as <train>/<class>/<image>, or a pack");
  static final Setting<String> VAL = Setting.of("data.val", Kinds.textOrNull(), null,
      c -> c.data().val(), "validation images in the same layout, or null to split data.train");
  static final Setting<Double> VAL_FRACTION = Setting.of("data.val-fraction",
      Kinds.number("a fraction", 0, false, 0.9, false), 0.1,
      c -> c.data().valFraction(), "fraction of data.train held out when data.val is null");
  static final Setting<Integer> IMAGE_SIZE = Setting.of("data.image-size", Kinds.integer(8, 4096), 32,
      c -> c.data().imageSize(), "height and width of the network input, in pixels");
  static final Setting<Integer> CHANNELS = Setting.of("data.channels", Kinds.oneOf(1, 3), 3,
      c -> c.data().channels(), "1 (grayscale) or 3 (RGB)");
  static final Setting<Integer> MAX_SKIPPED = Setting.of("data.max-skipped",
      Kinds.integer(0, Integer.MAX_VALUE - 1), DataConfig.DEFAULT_MAX_SKIPPED,
      c -> c.data().maxSkipped(), "unreadable samples skipped before the run fails");

  static final Setting<List<OpSpec>> PIPELINE_TRAIN = Setting.of("pipeline.train", PipelineKind.ops(false),
      PipelineKind.defaultOps(), c -> c.pipeline().train(), "image operations for training");
  static final Setting<List<OpSpec>> PIPELINE_EVAL = Setting.of("pipeline.eval", PipelineKind.ops(true),
      PipelineKind.defaultOps(), c -> c.pipeline().eval(), "image operations for validation and prediction");

  static final List<Setting<?>> ALL = List.of(TRAIN, VAL, VAL_FRACTION, IMAGE_SIZE, CHANNELS, MAX_SKIPPED,
      PIPELINE_TRAIN, PIPELINE_EVAL);

  static DataConfig data(ConfigBinder b) {
    return new DataConfig(b.get(TRAIN), b.get(VAL), b.get(VAL_FRACTION), b.get(IMAGE_SIZE), b.get(CHANNELS),
        b.get(MAX_SKIPPED));
  }

  static PipelineConfig pipeline(ConfigBinder b) {
    return new PipelineConfig(b.get(PIPELINE_TRAIN), b.get(PIPELINE_EVAL));
  }
}
