package io.convoy.worker;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;

/**
 * One round of an allreduce epoch as rank 0 saw it, for the driver's metrics: sums over all
 * replicas travel inside the allreduce itself, so rank 0 knows the round's global loss and
 * example count. Times are seconds; {@code data} and {@code compute} are means over replicas,
 * {@code sync} is rank 0's wait in the allreduce and {@code apply} its local update.
 *
 * @param round round number within the run, from 1
 * @param epoch epoch number, from 1
 */
public record RoundReport(int round, int epoch, double loss, long examples, long batches, double seconds,
    double broadcast, double data, double compute, double sync, double apply, double learningRate)
    implements Serializable {

  public void write(DataOutputStream out) throws IOException {
    out.writeInt(round);
    out.writeInt(epoch);
    out.writeDouble(loss);
    out.writeLong(examples);
    out.writeLong(batches);
    out.writeDouble(seconds);
    out.writeDouble(broadcast);
    out.writeDouble(data);
    out.writeDouble(compute);
    out.writeDouble(sync);
    out.writeDouble(apply);
    out.writeDouble(learningRate);
  }

  public static RoundReport read(DataInputStream in) throws IOException {
    return new RoundReport(in.readInt(), in.readInt(), in.readDouble(), in.readLong(), in.readLong(),
        in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
        in.readDouble());
  }
}
