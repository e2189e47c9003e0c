package io.convoy.driver.scoring;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the machine's cores did between two moments, for {@link PredictScalingBenchmark}: the cores
 * this process used (its CPU time over the wall time), the cores every other process used (the
 * machine's busy time from {@code /proc/stat}, less ours), the JIT compiler's time in this process
 * and its minor page faults. On a shared machine the first says what a variant got, the second who
 * took the rest; page faults show memory handed back to the kernel and faulted in again (large
 * images' activations).
 */
record CpuUsage(double seconds, double cores, double othersCores, long jitMillis, long minorFaults) {
  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();
  private static final Path STAT = Path.of("/proc/stat");
  private static final Path SELF_STAT = Path.of("/proc/self/stat");
  private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

  /** A moment: wall clock, this process's CPU, the machine's busy ticks, the JIT's total, our minor faults. */
  record Mark(long nanos, long cpuNanos, long busyTicks, long jitMillis, long minorFaults) {
    static Mark now() {
      return new Mark(System.nanoTime(), OS.getProcessCpuTime(), machineBusyTicks(), JIT.getTotalCompilationTime(),
          ownMinorFaults());
    }
  }

  static CpuUsage since(Mark start) {
    Mark end = Mark.now();
    double seconds = (end.nanos - start.nanos) / 1e9;
    double ours = (end.cpuNanos - start.cpuNanos) / 1e9;
    double machine = start.busyTicks < 0 ? Double.NaN : (end.busyTicks - start.busyTicks) / TICKS_PER_SECOND;
    return new CpuUsage(seconds, ours / seconds, Math.max(0, machine - ours) / seconds, end.jitMillis - start.jitMillis,
        end.minorFaults - start.minorFaults);
  }

  /** This process's minor page faults so far (-1 where there is no /proc). */
  private static long ownMinorFaults() {
    if (!Files.isReadable(SELF_STAT)) {
      return -1;
    }
    try {
      String stat = Files.readString(SELF_STAT);
      return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[7]); // field 10: minflt
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** All cores' ticks that were neither idle nor waiting for I/O (-1 where there is no /proc/stat). */
  private static long machineBusyTicks() {
    if (!Files.isReadable(STAT)) {
      return -1;
    }
    try {
      String[] f = Files.readAllLines(STAT).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < f.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
        busy += i == 4 || i == 5 ? 0 : Long.parseLong(f[i]);
      }
      return busy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
