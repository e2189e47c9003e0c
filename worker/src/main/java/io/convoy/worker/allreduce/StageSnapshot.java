package io.convoy.worker.allreduce;

import io.convoy.worker.replica.ModelState;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The replicas' common state after a round inside an allreduce epoch, which rank 0 sends to the
 * driver every {@code checkpoint.every-rounds} rounds: the driver writes it as a checkpoint, and a
 * retried barrier stage starts from the newest one instead of the epoch's start.
 *
 * @param epoch epoch number, from 0
 * @param round rounds done in the run, this one included
 * @param batchesDone minibatches of the epoch done
 * @param step optimizer steps each replica has taken
 * @param state parameters and the shared optimizer state
 */
public record StageSnapshot(int epoch, int round, int batchesDone, long step, ModelState state) {

  public void write(DataOutputStream out) throws IOException {
    out.writeInt(epoch);
    out.writeInt(round);
    out.writeInt(batchesDone);
    out.writeLong(step);
    writeFloats(out, state.parameters());
    writeFloats(out, state.updaterState());
  }

  public static StageSnapshot read(DataInputStream in) throws IOException {
    int epoch = in.readInt();
    int round = in.readInt();
    int batchesDone = in.readInt();
    long step = in.readLong();
    float[] parameters = readFloats(in);
    float[] updater = readFloats(in);
    return new StageSnapshot(epoch, round, batchesDone, step, new ModelState(parameters, updater));
  }

  private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
    out.writeInt(values.length);
    for (float v : values) {
      out.writeFloat(v);
    }
  }

  private static float[] readFloats(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1 << 30) {
      throw new IOException("bad vector length " + n);
    }
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = in.readFloat();
    }
    return values;
  }
}
