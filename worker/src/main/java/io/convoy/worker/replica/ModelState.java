package io.convoy.worker.replica;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;

/**
 * Parameters and optimizer state as flat vectors: what the driver broadcasts each round.
 * {@code updaterState} is empty when it does not travel.
 */
public record ModelState(float[] parameters, float[] updaterState) implements Serializable {
  /** Floats converted per write or read (resnet50 with its optimizer state: 47 million), not one call each. */
  private static final int CHUNK_FLOATS = 1 << 14;

  /**
   * Writes both vectors, each as its length and big-endian floats, the bytes
   * {@code DataOutputStream.writeInt}/{@code writeFloat} give (checkpoints' state.bin, the
   * allreduce progress channel's snapshots).
   */
  public void write(DataOutputStream out) throws IOException {
    writeFloats(out, parameters);
    writeFloats(out, updaterState);
  }

  /**
   * Reads what {@link #write} wrote.
   *
   * @param maxLength the longest vector to accept: a longer length is a corrupt stream
   * @throws IOException when the stream ends early or a length is negative or above {@code maxLength}
   */
  public static ModelState read(DataInputStream in, long maxLength) throws IOException {
    float[] parameters = readFloats(in, maxLength);
    return new ModelState(parameters, readFloats(in, maxLength));
  }

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

  private static float[] readFloats(DataInputStream in, long maxLength) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > maxLength) {
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
