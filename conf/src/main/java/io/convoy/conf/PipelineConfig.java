package io.convoy.conf;

import java.io.Serializable;
import java.util.List;

/** Ordered image operations for training and for evaluation. */
public record PipelineConfig(List<OpSpec> train, List<OpSpec> eval) implements Serializable {
  public PipelineConfig {
    train = List.copyOf(train);
    eval = List.copyOf(eval);
  }
}
