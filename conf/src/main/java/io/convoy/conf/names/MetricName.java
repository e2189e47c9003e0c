package io.convoy.conf.names;

/**
 * Validation metrics the driver reports each epoch (as named in {@code metrics.jsonl}), which
 * the plateau schedule and early stopping watch.
 */
public enum MetricName implements ConfigName {
  VAL_LOSS("val_loss", MetricMode.MIN),
  VAL_TOP1("val_top1", MetricMode.MAX),
  VAL_TOP5("val_top5", MetricMode.MAX);

  private final String configName;
  private final MetricMode direction;

  MetricName(String configName, MetricMode direction) {
    this.configName = configName;
    this.direction = direction;
  }

  @Override
  public String configName() {
    return configName;
  }

  /** MIN for losses, MAX for accuracies. */
  public MetricMode direction() {
    return direction;
  }

  /** {@code mode}, or this metric's own direction when {@code mode} is AUTO. */
  public MetricMode resolve(MetricMode mode) {
    return mode == MetricMode.AUTO ? direction : mode;
  }
}
