package io.convoy.worker.allreduce;

import io.convoy.worker.replica.RoundTimings;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;

/**
 * One round of an allreduce epoch as rank 0 saw it, for the driver's metrics: sums over all
 * replicas travel inside the allreduce itself, so rank 0 knows the round's global loss and
 * example count. In {@code timings}, {@code data} and {@code compute} are means over replicas,
 * {@code overhead} is rank 0's wait in the allreduce and {@code apply} its local update.
 *
 * @param round round number within the run, from 1
 * @param epoch epoch number, from 1
 * @param seconds the round's wall time on rank 0
 */
public record RoundReport(int round, int epoch, double loss, long examples, long batches, double seconds,
    RoundTimings timings, double learningRate) implements Serializable {

  public void write(DataOutputStream out) throws IOException {
    out.writeInt(round);
    out.writeInt(epoch);
    out.writeDouble(loss);
    out.writeLong(examples);
    out.writeLong(batches);
    out.writeDouble(seconds);
    timings.write(out);
    out.writeDouble(learningRate);
  }

  public static RoundReport read(DataInputStream in) throws IOException {
    return new RoundReport(in.readInt(), in.readInt(), in.readDouble(), in.readLong(), in.readLong(),
        in.readDouble(), RoundTimings.read(in), in.readDouble());
  }
}
