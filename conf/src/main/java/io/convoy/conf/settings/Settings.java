package io.convoy.conf.settings;

import java.util.List;
import java.util.stream.Stream;

/**
 * Every setting, in {@code reference.conf}'s order: the catalog the binder, the renderer and the
 * tests against {@code reference.conf} share. A new setting is one declaration in its section's
 * class (listed in its {@code ALL}), one record component, and its key in {@code reference.conf}.
 */
final class Settings {
  private Settings() {}

  static final List<Setting<?>> ALL = Stream.of(DataSettings.ALL, ModelSettings.ALL, OptimizerSettings.ALL,
      TrainingSettings.ALL, RunSettings.ALL).flatMap(List::stream).toList();
}
