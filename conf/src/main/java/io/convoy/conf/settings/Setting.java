package io.convoy.conf.settings;

import io.convoy.conf.ConvoyConfig;
import java.util.function.Function;

/**
 * One configuration key, declared once: its full HOCON path, its kind (how a value is read,
 * checked and written back, and what is accepted), its default (the value {@code reference.conf}
 * must hold), where its bound value sits in a {@link ConvoyConfig}, and its meaning in one line.
 * {@link ConfigBinder} reads settings, {@link ConfigRenderer} writes them, and the tests check
 * {@code reference.conf} against them both ways.
 *
 * @param <T> the bound value's type
 */
record Setting<T>(String key, Kind<T> kind, T defaultValue, Function<ConvoyConfig, T> value, String meaning) {

  static <T> Setting<T> of(String key, Kind<T> kind, T defaultValue, Function<ConvoyConfig, T> value,
      String meaning) {
    return new Setting<>(key, kind, defaultValue, value, meaning);
  }

  /** The HOCON value of {@code config}'s setting, as the renderer writes it. */
  Object hocon(ConvoyConfig config) {
    return kind.writer().apply(value.apply(config));
  }

  @Override
  public String toString() {
    return key;
  }
}
