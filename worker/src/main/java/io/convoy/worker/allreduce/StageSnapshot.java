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
  /** The longest vector a snapshot may hold: a longer length means a corrupt stream. */
  private static final long MAX_LENGTH = 1 << 30;

  public void write(DataOutputStream out) throws IOException {
    out.writeInt(epoch);
    out.writeInt(round);
    out.writeInt(batchesDone);
    out.writeLong(step);
    state.write(out);
  }

  public static StageSnapshot read(DataInputStream in) throws IOException {
    int epoch = in.readInt();
    int round = in.readInt();
    int batchesDone = in.readInt();
    long step = in.readLong();
    return new StageSnapshot(epoch, round, batchesDone, step, ModelState.read(in, MAX_LENGTH));
  }
}
