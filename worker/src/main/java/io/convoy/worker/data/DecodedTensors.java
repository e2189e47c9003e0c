package io.convoy.worker.data;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One shard's decoded tensors, kept for the epochs after the first when the training pipeline
 * draws nothing at random, so that its output is a function of the image bytes alone: serving a
 * tensor from here gives exactly the floats decoding would. Filled first come, first kept, up to
 * a byte budget (no eviction: every epoch visits every sample, so any kept set saves the same).
 * A tensor is served only for the same path and the same encoded bytes (length and hash), so a
 * file that changed and was read again is decoded again, as without the cache.
 * Safe for the prefetcher's loader threads; a kept array is never handed out, only copied from.
 */
final class DecodedTensors {
  private record Entry(String path, int length, int hash, float[] tensor) {}

  private final ConcurrentHashMap<Integer, Entry> byIndex = new ConcurrentHashMap<>();
  private final AtomicLong bytes = new AtomicLong();
  private final long maxBytes;

  DecodedTensors(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The tensor of the shard's sample {@code index} if kept for these bytes of this file, else null. */
  float[] get(int index, String path, byte[] encoded) {
    Entry e = byIndex.get(index);
    return e != null && e.length() == encoded.length && e.path().equals(path) && e.hash() == Arrays.hashCode(encoded)
        ? e.tensor() : null;
  }

  /** Keeps {@code tensor} (the caller gives it up) if the budget allows. */
  void put(int index, String path, byte[] encoded, float[] tensor) {
    long size = 4L * tensor.length + 64;
    if (bytes.addAndGet(size) > maxBytes) {
      bytes.addAndGet(-size);
      return;
    }
    if (byIndex.putIfAbsent(index, new Entry(path, encoded.length, Arrays.hashCode(encoded), tensor)) != null) {
      bytes.addAndGet(-size); // another loader thread kept it first
    }
  }

  long bytes() {
    return bytes.get();
  }

  int size() {
    return byIndex.size();
  }
}
