package io.convoy.worker.replica;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;

/**
 * Where a round's time went, in seconds: one shape from the task that measures it to
 * {@code metrics.jsonl}'s {@code round} event and the {@code final} event's {@code time_split}
 * (which sums the rounds with {@link #plus}). A task fills in what it measures; the transport adds
 * what the driver or rank 0 measures.
 *
 * @param broadcastSeconds fetching the state the round starts from (the driver's broadcast, a task's
 *     read of it)
 * @param dataSeconds waiting for decoded minibatches
 * @param computeSeconds forward and backward passes and local updates
 * @param overheadSeconds the round's exchange beyond the replicas' work: the Spark job beyond its
 *     slowest task ({@code jobs}), rank 0's wait in the ring allreduce ({@code allreduce})
 * @param applySeconds applying the averaged result
 */
public record RoundTimings(double broadcastSeconds, double dataSeconds, double computeSeconds,
    double overheadSeconds, double applySeconds) implements Serializable {
  public static final RoundTimings ZERO = new RoundTimings(0, 0, 0, 0, 0);

  /** A replica's local work: waiting for minibatches and computing. */
  public static RoundTimings local(double dataSeconds, double computeSeconds) {
    return new RoundTimings(0, dataSeconds, computeSeconds, 0, 0);
  }

  /** Both, field by field: several tasks' times, or a run's rounds. */
  public RoundTimings plus(RoundTimings other) {
    return new RoundTimings(broadcastSeconds + other.broadcastSeconds, dataSeconds + other.dataSeconds,
        computeSeconds + other.computeSeconds, overheadSeconds + other.overheadSeconds,
        applySeconds + other.applySeconds);
  }

  /** Every field divided by {@code n}: the mean of a sum over {@code n} tasks. */
  public RoundTimings dividedBy(int n) {
    return new RoundTimings(broadcastSeconds / n, dataSeconds / n, computeSeconds / n, overheadSeconds / n,
        applySeconds / n);
  }

  public void write(DataOutputStream out) throws IOException {
    out.writeDouble(broadcastSeconds);
    out.writeDouble(dataSeconds);
    out.writeDouble(computeSeconds);
    out.writeDouble(overheadSeconds);
    out.writeDouble(applySeconds);
  }

  public static RoundTimings read(DataInputStream in) throws IOException {
    return new RoundTimings(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble());
  }
}
