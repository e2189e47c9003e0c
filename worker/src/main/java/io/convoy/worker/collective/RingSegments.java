package io.convoy.worker.collective;

/**
 * How one allreduce over a ring of {@code size} ranks cuts {@code floats} floats into one segment
 * per rank, and which segment this rank sends and receives in each of its {@code 2 (size - 1)}
 * steps: reduce-scatter first (after it, rank r holds the sum of segment r + 1), then all-gather.
 * A segment is always sent in the step after it was received. Empty segments (fewer floats than
 * ranks) are skipped by both sides alike.
 */
final class RingSegments {
  private final int rank;
  private final int size;
  private final int[] offset;
  private final int[] length;

  RingSegments(int rank, int size, int floats) {
    this.rank = rank;
    this.size = size;
    this.offset = new int[size];
    this.length = new int[size];
    int base = floats / size;
    int extra = floats % size;
    int off = 0;
    for (int k = 0; k < size; k++) {
      length[k] = base + (k < extra ? 1 : 0);
      offset[k] = off;
      off += length[k];
    }
  }

  int steps() {
    return 2 * (size - 1);
  }

  int offset(int segment) {
    return offset[segment];
  }

  int length(int segment) {
    return length[segment];
  }

  /** Segment sent in step s: reduce-scatter (r - s), all-gather (r + 1 - t); always the one received in s - 1. */
  int sentIn(int s) {
    int seg = s < size - 1 ? rank - s : rank + 1 - (s - (size - 1));
    return Math.floorMod(seg, size);
  }

  /** Segment received in step s: reduce-scatter (r - s - 1), all-gather (r - t). */
  int receivedIn(int s) {
    int seg = s < size - 1 ? rank - s - 1 : rank - (s - (size - 1));
    return Math.floorMod(seg, size);
  }

  /** The first step from {@code s} on that sends a non-empty segment, or {@link #steps()}. */
  int nextSend(int s) {
    while (s < steps() && length[sentIn(s)] == 0) {
      s++;
    }
    return s;
  }

  /** The first step from {@code s} on that receives a non-empty segment, or {@link #steps()}. */
  int nextReceive(int s) {
    while (s < steps() && length[receivedIn(s)] == 0) {
      s++;
    }
    return s;
  }
}
