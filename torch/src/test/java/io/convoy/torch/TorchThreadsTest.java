package io.convoy.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.convoy.model.NativeVariant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/** libtorch's intra-op threads follow ND4J's OpenMP team size on every thread that trains. */
class TorchThreadsTest {
  @Test
  void eachTrainingThreadTakesNd4jsOpenMpTeamSize() throws Exception {
    NativeVariant.select(); // ND4J's natives, as a Replica picks them, then its backend loaded
    Nd4j.getBackend();
    for (int threads : new int[] {2, 1, 2}) {
      AtomicInteger seen = new AtomicInteger();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread t = new Thread(() -> {
        // what the worker's NativeThreads does on each training thread
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        TorchThreads.follow();
        seen.set(torch.get_num_threads());
      });
      t.setUncaughtExceptionHandler((thread, e) -> failure.set(e));
      t.start();
      t.join();
      if (failure.get() != null) {
        throw new AssertionError(failure.get());
      }
      assertEquals(threads, seen.get(), "libtorch threads on a new training thread");
    }
  }
}
