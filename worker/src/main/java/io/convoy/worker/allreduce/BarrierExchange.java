package io.convoy.worker.allreduce;

import org.apache.spark.BarrierTaskContext;

/**
 * {@code BarrierTaskContext.allGather} without its one-second granularity. Spark's barrier
 * client waits for the coordinator's answer in a loop of {@code Thread.sleep(1000)} and treats
 * an interrupt of that sleep as a cue to look again (checking only that the task was not
 * killed), so every allGather costs at least a second, which is most of an epoch's fixed cost
 * over the allreduce transport. While this task waits in allGather, a helper thread interrupts
 * it every few milliseconds, so the answer is seen within that time; the interrupt flag is
 * cleared before returning. The exchange, its ordering and its failure handling stay Spark's.
 */
final class BarrierExchange {
  private static final long POKE_MILLIS = 5;

  private BarrierExchange() {}

  /** Every task's message, ordered by partition id (as allGather returns them). */
  static String[] allGather(BarrierTaskContext ctx, String message) {
    Thread waiter = Thread.currentThread();
    Poker poker = new Poker(waiter);
    poker.start();
    try {
      return ctx.allGather(message);
    } finally {
      poker.finish();
      Thread.interrupted(); // a poke that landed after the answer must not reach the task's code
    }
  }

  private static final class Poker extends Thread {
    private final Thread waiter;
    private volatile boolean done;

    Poker(Thread waiter) {
      super("convoy-barrier-poke");
      setDaemon(true);
      this.waiter = waiter;
    }

    @Override
    public void run() {
      try {
        // Let the request leave first: only the waiting loop should see interrupts. (Sending it
        // blocks on nothing interruptible, an RPC to the driver posted to Netty's outbox, so one
        // poke interval is ample; it was four, 20 ms of every epoch's start.)
        Thread.sleep(POKE_MILLIS);
        while (!done) {
          waiter.interrupt();
          Thread.sleep(POKE_MILLIS);
        }
      } catch (InterruptedException e) {
        // finish() interrupts this thread to end it
      }
    }

    void finish() {
      done = true;
      interrupt();
      while (isAlive()) {
        try {
          join();
        } catch (InterruptedException e) {
          // a last poke: wait on until the poker has ended, the caller then clears the flag
        }
      }
    }
  }
}
