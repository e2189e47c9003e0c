package io.convoy.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.convoy.worker.RoundReport;
import java.io.DataOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The driver's progress channel over a real socket: reports in order, strangers ignored. */
class ProgressServerTest {
  @Test
  void reportsWithTheTokenArriveInOrderAndOthersAreDropped() throws Exception {
    try (ProgressServer server = ProgressServer.open("127.0.0.1", "secret")) {
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

  private static RoundReport take(ProgressServer server) throws InterruptedException {
    RoundReport r;
    while ((r = server.poll(1000)) == null) {
      // wait: delivery is asynchronous
    }
    return r;
  }

  private static RoundReport report(int round) {
    return new RoundReport(round, 1, 0.5, 12, 2, 0.1, 0, 0.01, 0.05, 0.02, 0.001, 0.01);
  }

  private static void send(Socket socket, String token, RoundReport... reports) throws Exception {
    DataOutputStream out = new DataOutputStream(socket.getOutputStream());
    byte[] t = token.getBytes(StandardCharsets.UTF_8);
    out.writeInt(t.length);
    out.write(t);
    for (RoundReport r : reports) {
      r.write(out);
    }
    out.flush();
  }
}
