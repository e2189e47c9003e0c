package io.convoy.bench.allreduce;

import io.convoy.driver.cli.ExitStatus;
import io.convoy.driver.common.UsageException;
import io.convoy.driver.metrics.MetricsLog;
import io.convoy.worker.collective.RingOptions;
import io.convoy.worker.collective.WireFormat;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code convoy bench allreduce}: the ring allreduce alone, between threads of this JVM over
 * loopback TCP, for message sizes from 1 KB to 100 MB and 2 and 4 ranks, against the bound
 * 2(N-1)/N x size / bandwidth at the measured loopback bandwidth. No Spark, no model.
 */
@Command(name = "allreduce", mixinStandardHelpOptions = true,
    description = "Time of the ring allreduce vs message size on localhost, against the bandwidth bound.")
public final class BenchAllreduceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--ranks", split = ",", defaultValue = "2,4", paramLabel = "N,...",
      description = "ring sizes (default: ${DEFAULT-VALUE})")
  List<Integer> ranks;

  @Option(names = "--sizes", split = ",", defaultValue = "1k,10k,100k,1m,10m,100m", paramLabel = "SIZE,...",
      description = "message sizes in bytes, k/m suffixes in powers of 1000 (default: ${DEFAULT-VALUE})")
  List<String> sizes;

  @Option(names = "--chunk-size", defaultValue = "1048576", paramLabel = "BYTES",
      description = "pipelined chunk (training.allreduce.chunk-size; default: ${DEFAULT-VALUE})")
  int chunkBytes;

  @Option(names = "--bf16", description = "send bf16 instead of float32 (training.allreduce.compression = bf16)")
  boolean bf16;

  @Option(names = "--seconds", defaultValue = "1", paramLabel = "S",
      description = "measured time per size, at least 3 repetitions (default: ${DEFAULT-VALUE})")
  double seconds;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to bind (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--json", description = "print the results as JSON")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter console = spec.commandLine().getOut();
    List<Long> bytes = new ArrayList<>();
    for (String s : sizes) {
      bytes.add(parseSize(s));
    }
    for (int n : ranks) {
      if (n < 1 || n > 64) {
        throw new UsageException("--ranks: " + n + " is not a ring size in [1, 64]");
      }
    }
    RingOptions options = new RingOptions(60_000, chunkBytes, bf16 ? WireFormat.BF16 : WireFormat.FLOAT32);
    RingBenchmark bench = new RingBenchmark(host, options, seconds);
    double bandwidth = bench.loopbackBandwidth(Math.max(0.5, seconds));
    if (!json) {
      console.printf(Locale.ROOT, "convoy bench allreduce: ring allreduce on %s, %s, chunk %d bytes; "
          + "loopback TCP stream %.2f GB/s%n", host, options.format(), chunkBytes, bandwidth / 1e9);
      console.printf("%6s %12s %6s %12s %12s %10s %12s%n", "ranks", "bytes", "reps", "time ms", "bound ms",
          "vs bound", "bus GB/s");
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int n : ranks) {
      for (long b : bytes) {
        RingBenchmark.Row r = bench.measure(n, b, bandwidth);
        if (json) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("ranks", r.ranks());
          m.put("bytes", r.bytes());
          m.put("repetitions", r.repetitions());
          m.put("seconds", r.seconds());
          m.put("bound_seconds", r.boundSeconds());
          m.put("bus_bytes_per_sec", r.busBytesPerSecond());
          m.put("loopback_bytes_per_sec", bandwidth);
          m.put("format", options.format().name().toLowerCase(Locale.ROOT));
          rows.add(m);
        } else {
          console.printf(Locale.ROOT, "%6d %12d %6d %12.3f %12.3f %9.2fx %12.2f%n", r.ranks(), r.bytes(),
              r.repetitions(), r.seconds() * 1e3, r.boundSeconds() * 1e3, r.seconds() / r.boundSeconds(),
              r.busBytesPerSecond() / 1e9);
        }
        console.flush();
      }
    }
    if (json) {
      console.println(MetricsLog.toJson(rows));
    }
    return ExitStatus.OK;
  }

  static long parseSize(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    long factor = 1;
    if (t.endsWith("k")) {
      factor = 1000;
    } else if (t.endsWith("m")) {
      factor = 1000_000;
    }
    try {
      long v = Long.parseLong(factor == 1 ? t : t.substring(0, t.length() - 1)) * factor;
      if (v >= 4 && v <= 1_000_000_000L) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new UsageException("--sizes: " + s + " is not a size from 4 bytes to 1g (e.g. 1k, 10m, 4096)");
  }
}
