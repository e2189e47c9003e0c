package io.convoy.worker.allreduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.convoy.worker.replica.ModelState;
import io.convoy.worker.replica.RoundTimings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rank 0's result leaves its end state out only where the progress channel brought it: when the
 * channel ended cleanly after at least one round (the last round went out with the state).
 */
class EpochOutcomeTest {
  private static final ModelState STATE = new ModelState(new float[] {1, 2}, new float[0]);

  @Test
  void aChannelThatEndedAfterItsRoundsBroughtTheState() {
    EpochOutcome ran = new EpochOutcome(0, STATE, List.of(report(4)), new ArrayList<>(), EpochOutcome.NO_CHANNEL);
    EpochOutcome ended = ran.endedOver(17);
    assertNull(ended.state());
    assertEquals(17, ended.channel());
    assertEquals(ran.rounds(), ended.rounds());
  }

  /** A retried stage that starts from a snapshot of its last round runs none: nothing carried the state. */
  @Test
  void withoutRoundsTheResultKeepsTheState() {
    EpochOutcome none = new EpochOutcome(0, STATE, List.of(), new ArrayList<>(), EpochOutcome.NO_CHANNEL);
    assertSame(STATE, none.endedOver(17).state());
  }

  private static RoundReport report(int round) {
    return new RoundReport(round, 1, 0.5, 64, 2, 1.5, new RoundTimings(0, 0.01, 0.05, 0.02, 0.001), 0.01);
  }
}
