package io.convoy.worker.collective;

import java.io.Serializable;

/**
 * How a ring talks.
 *
 * @param timeoutMillis longest wait for a peer: to connect and handshake, and between two
 *     bytes received or sent during an allreduce (it must exceed the longest time one rank
 *     computes while another already waits)
 * @param chunkBytes bytes per pipelined chunk: a chunk received is reduced and forwarded while
 *     the next one is on the way
 * @param format how floats travel
 */
public record RingOptions(long timeoutMillis, int chunkBytes, WireFormat format) implements Serializable {
  public RingOptions {
    if (timeoutMillis <= 0 || chunkBytes < 8) {
      throw new IllegalArgumentException("timeout must be positive and chunks at least 8 bytes, found "
          + timeoutMillis + " ms and " + chunkBytes + " bytes");
    }
  }
}
