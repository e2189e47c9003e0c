package io.convoy.worker.allreduce;

import io.convoy.worker.replica.ModelState;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

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
  /** Floats converted per write (resnet50 with its optimizer state: 47 million), not one call each. */
  private static final int CHUNK_FLOATS = 1 << 14;

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

  /** Big-endian floats, as DataOutputStream.writeFloat writes them, converted a chunk at a time. */
  private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
    out.writeInt(values.length);
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK_FLOATS * Float.BYTES);
    for (int from = 0; from < values.length; from += CHUNK_FLOATS) {
      int n = Math.min(CHUNK_FLOATS, values.length - from);
      chunk.clear();
      chunk.asFloatBuffer().put(values, from, n);
      out.write(chunk.array(), 0, n * Float.BYTES);
    }
  }

  private static float[] readFloats(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1 << 30) {
      throw new IOException("bad vector length " + n);
    }
    float[] values = new float[n];
    byte[] chunk = new byte[CHUNK_FLOATS * Float.BYTES];
    for (int from = 0; from < n; from += CHUNK_FLOATS) {
      int count = Math.min(CHUNK_FLOATS, n - from);
      in.readFully(chunk, 0, count * Float.BYTES);
      ByteBuffer.wrap(chunk, 0, count * Float.BYTES).asFloatBuffer().get(values, from, count);
    }
    return values;
  }
}
