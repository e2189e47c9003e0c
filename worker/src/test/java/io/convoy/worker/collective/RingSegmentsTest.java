package io.convoy.worker.collective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ring allreduce's schedule, for every ring of 1 to 6 ranks and 0 to 13 floats. */
class RingSegmentsTest {
  @Test
  void segmentsCoverTheFloatsInOrderAndDifferByAtMostOne() {
    for (int size = 1; size <= 6; size++) {
      for (int floats = 0; floats <= 13; floats++) {
        RingSegments s = new RingSegments(0, size, floats);
        int next = 0;
        for (int k = 0; k < size; k++) {
          assertEquals(next, s.offset(k), "size " + size + ", floats " + floats + ", segment " + k);
          assertTrue(Math.abs(s.length(k) - floats / size) <= 1);
          next += s.length(k);
        }
        assertEquals(floats, next);
      }
    }
  }

  @Test
  void whatOneRankSendsItsRightNeighbourReceivesInTheSameStep() {
    for (int size = 2; size <= 6; size++) {
      for (int rank = 0; rank < size; rank++) {
        RingSegments me = new RingSegments(rank, size, 13);
        RingSegments right = new RingSegments((rank + 1) % size, size, 13);
        assertEquals(2 * (size - 1), me.steps());
        for (int step = 0; step < me.steps(); step++) {
          assertEquals(me.sentIn(step), right.receivedIn(step), "size " + size + ", rank " + rank + ", step " + step);
        }
      }
    }
  }

  @Test
  void aRankForwardsWhatItReceivedAndOwnsTheNextSegmentsSumAfterReduceScatter() {
    for (int size = 2; size <= 6; size++) {
      for (int rank = 0; rank < size; rank++) {
        RingSegments s = new RingSegments(rank, size, 13);
        for (int step = 1; step < s.steps(); step++) {
          assertEquals(s.receivedIn(step - 1), s.sentIn(step));
        }
        // After size - 1 reduce-scatter steps rank r holds every rank's part of segment r + 1
        // and sends it first in the all-gather.
        assertEquals((rank + 1) % size, s.receivedIn(size - 2));
        assertEquals((rank + 1) % size, s.sentIn(size - 1));
      }
    }
  }

  @Test
  void emptySegmentsAreSkippedAlikeOnBothSides() {
    // 2 floats on 5 ranks: segments 0 and 1 hold one float each, 2 to 4 none.
    for (int rank = 0; rank < 5; rank++) {
      RingSegments me = new RingSegments(rank, 5, 2);
      RingSegments right = new RingSegments((rank + 1) % 5, 5, 2);
      List<Integer> sends = new ArrayList<>();
      for (int step = me.nextSend(0); step < me.steps(); step = me.nextSend(step + 1)) {
        sends.add(step);
      }
      List<Integer> receives = new ArrayList<>();
      for (int step = right.nextReceive(0); step < right.steps(); step = right.nextReceive(step + 1)) {
        receives.add(step);
      }
      List<Integer> nonEmpty = new ArrayList<>();
      for (int step = 0; step < me.steps(); step++) {
        if (me.length(me.sentIn(step)) > 0) {
          nonEmpty.add(step);
        }
      }
      assertEquals(nonEmpty, sends, "rank " + rank + " sends exactly the steps with a non-empty segment");
      assertEquals(sends, receives, "rank " + rank + "'s right neighbour receives in the same steps");
    }
  }
}
