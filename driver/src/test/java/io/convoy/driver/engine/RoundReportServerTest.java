package io.convoy.driver.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.convoy.worker.replica.ModelState;
import io.convoy.worker.allreduce.ProgressProtocol;
import io.convoy.worker.allreduce.RoundReport;
import io.convoy.worker.replica.RoundTimings;
import io.convoy.worker.allreduce.StageSnapshot;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The driver's progress channel over a real socket: reports in order, strangers ignored, and
 * snapshots kept for a retried stage's tasks, which ask for the newest and fetch it.
 */
class RoundReportServerTest {
  @Test
  void reportsWithTheTokenArriveInOrderAndOthersAreDropped() throws Exception {
    try (RoundReportServer server = RoundReportServer.open("127.0.0.1", "secret")) {
      try (Socket stranger = new Socket(server.address().getAddress(), server.address().getPort())) {
        send(stranger, "guess", report(99));
      }
      try (Socket rank0 = new Socket(server.address().getAddress(), server.address().getPort())) {
        send(rank0, "secret", report(1), report(2));
        assertEquals(report(1), take(server));
        assertEquals(report(2), take(server));
      }
      assertNull(server.poll(0), "a report without the token was queued");
    }
  }

  /**
   * After its stage, the driver waits for rank 0's channel to be read to the end rank 0 names in
   * its result: then every report rank 0 sent is queued, even those still in flight, or not yet
   * accepted, when the stage ended. Many channels sent and asked about at once, so that the
   * accept thread lags behind some of them.
   */
  @Test
  void everyReportIsQueuedOnceTheChannelIsReadToItsEnd() throws Exception {
    try (RoundReportServer server = RoundReportServer.open("127.0.0.1", "secret")) {
      for (long channel = 1; channel <= 40; channel++) {
        try (Socket rank0 = new Socket(server.address().getAddress(), server.address().getPort())) {
          send(rank0, "secret", report(1), report(2), report(3));
          end(rank0, channel);
          assertTrue(server.awaitEnd(channel, 10_000), "channel " + channel + " never reached its end");
          for (int round = 1; round <= 3; round++) {
            RoundReportServer.Progress p = server.poll(0);
            assertNotNull(p, "channel " + channel + ": round " + round + " not queued at its end");
            assertEquals(report(round), p.report());
          }
          assertNull(server.poll(0));
        }
      }
    }
  }

  /** A channel that has not sent its end, or another attempt's end, does not end the wait. */
  @Test
  void onlyTheNamedChannelsEndEndsTheWait() throws Exception {
    try (RoundReportServer server = RoundReportServer.open("127.0.0.1", "secret")) {
      Socket failedAttempt = new Socket(server.address().getAddress(), server.address().getPort());
      send(failedAttempt, "secret", report(1));
      failedAttempt.close(); // a failed rank 0: closed without its end
      try (Socket rank0 = new Socket(server.address().getAddress(), server.address().getPort())) {
        send(rank0, "secret", report(1), report(2));
        end(rank0, 7);
        assertTrue(server.awaitEnd(7, 10_000));
        assertFalse(server.awaitEnd(8, 20), "an end that was never sent");
      }
    }
  }

  @Test
  void snapshotsAreKeptForARetriedStage() throws Exception {
    try (RoundReportServer server = RoundReportServer.open("127.0.0.1", "secret")) {
      InetSocketAddress address = server.address();
      assertEquals(-1, ProgressProtocol.latestSnapshot(address, "secret", 0, 5000));
      try (Socket rank0 = ProgressProtocol.open(address, "secret", ProgressProtocol.PROGRESS, 5000)) {
        DataOutputStream out = new DataOutputStream(rank0.getOutputStream());
        for (int round = 1; round <= 5; round++) {
          out.writeByte(ProgressProtocol.SNAPSHOT);
          report(round).write(out);
          snapshot(round).write(out);
        }
        out.flush();
        for (int round = 1; round <= 5; round++) {
          RoundReportServer.Progress p = takeProgress(server);
          assertEquals(report(round), p.report());
          assertEquals(round, p.snapshot().round());
        }
      }
      assertEquals(5, ProgressProtocol.latestSnapshot(address, "secret", 0, 5000));
      assertEquals(-1, ProgressProtocol.latestSnapshot(address, "secret", 1, 5000), "another epoch's snapshot");
      assertEquals(new RoundReportServer.Resumption(0, -1), server.resumption());
      assertEquals(new RoundReportServer.Resumption(0, 5), server.resumption());
      StageSnapshot five = ProgressProtocol.snapshot(address, "secret", 0, 5, 5000);
      assertEquals(8, five.batchesDone());
      assertEquals(40L, five.step());
      assertArrayEquals(snapshot(5).state().parameters(), five.state().parameters());
      assertArrayEquals(snapshot(5).state().updaterState(), five.state().updaterState());
      // Only the newest RoundReportServer.KEPT are kept.
      assertThrows(IOException.class, () -> ProgressProtocol.snapshot(address, "secret", 0, 2, 5000));
      assertThrows(IOException.class, () -> ProgressProtocol.latestSnapshot(address, "guess", 0, 1000));
    }
  }

  /**
   * The epoch's last round comes with its end state ({@link ProgressProtocol#FINAL}), which the
   * driver takes but does not keep for retries; a state of several write chunks arrives whole.
   */
  @Test
  void theEndStateArrivesWithTheLastRoundAndIsNotKeptForRetries() throws Exception {
    float[] parameters = new float[100_003];
    float[] updater = new float[40_000];
    java.util.Random rnd = new java.util.Random(3);
    for (int i = 0; i < parameters.length; i++) {
      parameters[i] = (float) rnd.nextGaussian();
    }
    for (int i = 0; i < updater.length; i++) {
      updater[i] = (float) rnd.nextGaussian();
    }
    StageSnapshot end = new StageSnapshot(0, 4, 8, 32L, new ModelState(parameters, updater));
    try (RoundReportServer server = RoundReportServer.open("127.0.0.1", "secret")) {
      InetSocketAddress address = server.address();
      try (Socket rank0 = ProgressProtocol.open(address, "secret", ProgressProtocol.PROGRESS, 5000)) {
        DataOutputStream out = new DataOutputStream(rank0.getOutputStream());
        out.writeByte(ProgressProtocol.SNAPSHOT);
        report(3).write(out);
        snapshot(3).write(out);
        out.writeByte(ProgressProtocol.FINAL);
        report(4).write(out);
        end.write(out);
        out.flush();
        assertEquals(3, takeProgress(server).snapshot().round());
        RoundReportServer.Progress last = takeProgress(server);
        assertEquals(report(4), last.report());
        assertArrayEquals(parameters, last.snapshot().state().parameters());
        assertArrayEquals(updater, last.snapshot().state().updaterState());
      }
      assertEquals(3, ProgressProtocol.latestSnapshot(address, "secret", 0, 5000), "the end state was kept");
    }
  }

  /** Snapshots go out in DataOutputStream's big-endian floats, a chunk at a time, exactly as one float at a time. */
  @Test
  void snapshotFloatsAreBigEndianAsDataOutputStreamWritesThem() throws Exception {
    float[] parameters = new float[50_001];
    for (int i = 0; i < parameters.length; i++) {
      parameters[i] = i * 0.37f - 1000f;
    }
    float[] updater = {Float.NaN, -0f, Float.MAX_VALUE};
    java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
    DataOutputStream e = new DataOutputStream(expected);
    e.writeInt(1);
    e.writeInt(2);
    e.writeInt(3);
    e.writeLong(4L);
    for (float[] v : new float[][] {parameters, updater}) {
      e.writeInt(v.length);
      for (float f : v) {
        e.writeFloat(f);
      }
    }
    java.io.ByteArrayOutputStream actual = new java.io.ByteArrayOutputStream();
    new StageSnapshot(1, 2, 3, 4L, new ModelState(parameters, updater)).write(new DataOutputStream(actual));
    assertArrayEquals(expected.toByteArray(), actual.toByteArray());
    StageSnapshot back = StageSnapshot.read(new java.io.DataInputStream(
        new java.io.ByteArrayInputStream(actual.toByteArray())));
    assertArrayEquals(parameters, back.state().parameters());
    assertArrayEquals(updater, back.state().updaterState());
  }

  private static StageSnapshot snapshot(int round) {
    return new StageSnapshot(0, round, round + 3, round * 8L,
        new ModelState(new float[] {round, -0.5f, Float.MIN_VALUE}, new float[] {round * 2f}));
  }

  private static RoundReport take(RoundReportServer server) throws InterruptedException {
    return takeProgress(server).report();
  }

  private static RoundReportServer.Progress takeProgress(RoundReportServer server) throws InterruptedException {
    RoundReportServer.Progress p;
    while ((p = server.poll(1000)) == null) {
      // wait: delivery is asynchronous
    }
    return p;
  }

  private static RoundReport report(int round) {
    return new RoundReport(round, 1, 0.5, 12, 2, 0.1, new RoundTimings(0, 0.01, 0.05, 0.02, 0.001), 0.01);
  }

  private static void end(Socket socket, long channel) throws IOException {
    DataOutputStream out = new DataOutputStream(socket.getOutputStream());
    out.writeByte(ProgressProtocol.END);
    out.writeLong(channel);
    out.flush();
  }

  private static void send(Socket socket, String token, RoundReport... reports) throws Exception {
    DataOutputStream out = new DataOutputStream(socket.getOutputStream());
    byte[] t = token.getBytes(StandardCharsets.UTF_8);
    out.writeInt(t.length);
    out.write(t);
    out.writeByte(ProgressProtocol.PROGRESS);
    for (RoundReport r : reports) {
      out.writeByte(ProgressProtocol.REPORT);
      r.write(out);
    }
    out.flush();
  }
}
