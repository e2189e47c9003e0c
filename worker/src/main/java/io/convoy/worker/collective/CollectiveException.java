package io.convoy.worker.collective;

/**
 * A ring could not be joined or an allreduce could not finish: a peer timed out, closed its
 * connection, refused the handshake or disagreed on the vector. The message names the peer
 * (rank and address) so that the failing executor can be found.
 */
public final class CollectiveException extends RuntimeException {
  public CollectiveException(String message) {
    super(message);
  }

  public CollectiveException(String message, Throwable cause) {
    super(message, cause);
  }
}
