package io.convoy.conf.settings;

import java.util.function.Function;

/**
 * How the values of one type of setting are read and checked (reporting a problem that says what
 * is accepted, and returning a stand-in so that binding goes on) and written back as HOCON.
 *
 * @param <T> the bound value's type
 * @param reader reads the value at a key
 * @param writer the bound value as a HOCON value (string, number, boolean, list or map)
 */
record Kind<T>(Reader<T> reader, Function<T, Object> writer) {
  /** Reads the value at {@code key}, or reports a problem to {@code binder} and returns a stand-in. */
  @FunctionalInterface
  interface Reader<T> {
    T read(ConfigBinder binder, String key);
  }

  /** A kind written back as it is bound. */
  static <T> Kind<T> of(Reader<T> reader) {
    return new Kind<>(reader, v -> v);
  }

  /** This kind, with {@code check} run on each value it reads (null: fine, else what is accepted). */
  Kind<T> checked(Function<T, String> check) {
    return new Kind<>((binder, key) -> {
      int before = binder.problemCount();
      T v = reader.read(binder, key);
      if (binder.problemCount() == before) {
        String why = check.apply(v);
        if (why != null) {
          binder.problem(key, binder.found(key), why);
        }
      }
      return v;
    }, writer);
  }
}
