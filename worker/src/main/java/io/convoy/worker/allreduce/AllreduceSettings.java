package io.convoy.worker.allreduce;

import io.convoy.worker.collective.RingOptions;
import java.io.Serializable;

/**
 * How the tasks of an allreduce epoch find and trust each other and the driver.
 *
 * @param portLow first port to listen on, 0 for ephemeral
 * @param portHigh last port of the range
 * @param ring timeouts, chunking and wire format of the ring
 * @param token the run's random secret: ring peers and the driver's progress channel accept
 *     only connections that present it
 * @param progressHost the driver's progress channel (rank 0 connects)
 * @param progressPort its port
 */
public record AllreduceSettings(int portLow, int portHigh, RingOptions ring, String token, String progressHost,
    int progressPort) implements Serializable {}
