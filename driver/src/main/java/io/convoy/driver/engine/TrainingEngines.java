package io.convoy.driver.engine;

import io.convoy.conf.ConvoyConfig;
import io.convoy.conf.names.TransportName;
import io.convoy.model.ModelSpec;
import io.convoy.model.Replica;
import io.convoy.worker.data.BatchSchedule;
import io.convoy.worker.data.EncodedSample;
import io.convoy.worker.replica.WorkerSettings;
import java.io.PrintWriter;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/** The engine {@code training.engine} and {@code training.transport} name, built for one run. */
public final class TrainingEngines {
  private TrainingEngines() {}

  /**
   * convoy's engine over the transport asked for, or the dl4j-spark baseline. The allreduce
   * transport needs every worker scheduled at once: where the cluster cannot, the run falls back
   * to jobs (said on {@code console}) when {@code training.allreduce.fallback-to-jobs} allows it.
   *
   * @throws io.convoy.conf.ConfigException when allreduce cannot run and may not fall back
   */
  public static TrainingEngine create(ConvoyConfig config, JavaSparkContext sc, JavaRDD<EncodedSample> shards,
      ModelSpec spec, BatchSchedule schedule, Replica initial, WorkerSettings settings, PrintWriter console) {
    return switch (config.training().engine()) {
      case CONVOY -> config.training().transport() == TransportName.ALLREDUCE && allreduceFits(config, sc, console)
          ? new AllreduceTransport(sc, shards, spec, config, schedule, initial, settings, console)
          : new JobsTransport(sc, shards, spec, config, schedule, initial, settings);
      case DL4J_PARAMAVG -> new Dl4jParamAveraging(sc, shards, spec, config, schedule, initial, settings);
    };
  }

  /** Whether all workers fit at once; false (fall back to jobs, said on the console) or an error otherwise. */
  private static boolean allreduceFits(ConvoyConfig config, JavaSparkContext sc, PrintWriter console) {
    int workers = config.training().workers();
    String problem = BarrierSlots.problem(sc.sc(), workers, config.training().allreduce().timeoutMillis());
    if (problem == null) {
      return true;
    }
    if (!config.training().allreduce().fallbackToJobs()) {
      throw BarrierSlots.asConfigError(workers, problem);
    }
    console.printf("convoy: training with the jobs transport instead of allreduce: %s%n", problem);
    return false;
  }
}
