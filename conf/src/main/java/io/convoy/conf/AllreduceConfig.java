package io.convoy.conf;

import java.io.Serializable;
import java.util.List;

/**
 * The {@code allreduce} transport: how the tasks of a barrier stage connect and what travels.
 *
 * @param portLow first port a task listens on, or 0 for an ephemeral port
 * @param portHigh last port of the range (equal to {@code portLow} for one port; 0 when ephemeral)
 * @param timeoutMillis longest wait for a peer, while connecting and between bytes of an allreduce
 * @param chunkBytes bytes per pipelined chunk of the ring allreduce
 * @param compression one of {@link #COMPRESSIONS}: how floats travel
 * @param fallbackToJobs run with the {@code jobs} transport when the cluster cannot schedule all
 *     workers at once, instead of failing at start
 */
public record AllreduceConfig(int portLow, int portHigh, long timeoutMillis, int chunkBytes, String compression,
    boolean fallbackToJobs) implements Serializable {

  /** none: 32-bit floats, exact; bf16: 16-bit brain floats, half the bytes. */
  public static final List<String> COMPRESSIONS = List.of("none", "bf16");

  /** The port range as written in the configuration. */
  public String portRange() {
    return portLow == 0 ? "ephemeral" : portLow + "-" + portHigh;
  }
}
