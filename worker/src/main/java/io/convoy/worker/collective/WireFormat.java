package io.convoy.worker.collective;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

/**
 * How floats travel between ranks. {@code FLOAT32} is exact. {@code BF16} halves the bytes by
 * keeping the upper 16 bits of each float (rounded to nearest even): the same 8-bit exponent,
 * so no overflow, but only 8 bits of mantissa (relative error up to 2^-9 per hop).
 */
public enum WireFormat {
  FLOAT32(4),
  BF16(2);

  private final int bytes;

  WireFormat(int bytes) {
    this.bytes = bytes;
  }

  /** Bytes per element on the wire. */
  public int bytes() {
    return bytes;
  }

  /** Whether values change on the way (then every rank must round its own copy the same way). */
  boolean lossy() {
    return this != FLOAT32;
  }

  /** Writes {@code data[from, from + n)} at the buffer's position and advances it. */
  void encode(float[] data, int from, int n, ByteBuffer out) {
    if (this == FLOAT32) {
      FloatBuffer f = out.asFloatBuffer();
      f.put(data, from, n);
      out.position(out.position() + 4 * n);
    } else {
      ShortBuffer s = out.asShortBuffer();
      for (int i = 0; i < n; i++) {
        s.put(toBf16(data[from + i]));
      }
      out.position(out.position() + 2 * n);
    }
  }

  /** Reads {@code n} elements from the buffer's position into {@code tmp[0, n)}. */
  void decode(ByteBuffer in, int n, float[] tmp) {
    if (this == FLOAT32) {
      in.asFloatBuffer().get(tmp, 0, n);
      in.position(in.position() + 4 * n);
    } else {
      ShortBuffer s = in.asShortBuffer();
      for (int i = 0; i < n; i++) {
        tmp[i] = fromBf16(s.get());
      }
      in.position(in.position() + 2 * n);
    }
  }

  /** {@code data[from, from + n)} as it would arrive at a peer. */
  void round(float[] data, int from, int n) {
    if (this == BF16) {
      for (int i = from; i < from + n; i++) {
        data[i] = fromBf16(toBf16(data[i]));
      }
    }
  }

  static short toBf16(float f) {
    int bits = Float.floatToRawIntBits(f);
    if ((bits & 0x7f80_0000) == 0x7f80_0000 && (bits & 0x007f_ffff) != 0) {
      return (short) ((bits >>> 16) | 0x0040); // NaN stays a (quiet) NaN
    }
    int rounding = 0x7fff + ((bits >>> 16) & 1);
    return (short) ((bits + rounding) >>> 16);
  }

  static float fromBf16(short s) {
    return Float.intBitsToFloat((s & 0xffff) << 16);
  }
}
