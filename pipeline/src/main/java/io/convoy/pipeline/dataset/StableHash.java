package io.convoy.pipeline.dataset;

import java.nio.charset.StandardCharsets;

/**
 * Seeded hashes that are the same on every JVM and every run (unlike {@code Object.hashCode} of
 * most classes), so that splits and shuffles derived from them are reproducible.
 */
public final class StableHash {
  private StableHash() {}

  /** SplitMix64's finalizer: a 64-bit mix in which every input bit affects every output bit. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A hash of {@code seed} and a value, for seeding one random generator per value. */
  public static long of(long seed, long value) {
    return mix(mix(seed) + value * 0x9E3779B97F4A7C15L);
  }

  /** A hash of {@code seed} and the UTF-8 bytes of {@code text} (FNV-1a, then mixed). */
  public static long of(long seed, String text) {
    long h = 0xCBF29CE484222325L ^ mix(seed);
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xFF)) * 0x100000001B3L;
    }
    return mix(h);
  }

  /** A hash mapped uniformly onto [0, 1). */
  public static double unit(long hash) {
    return (hash >>> 11) * 0x1.0p-53;
  }
}
